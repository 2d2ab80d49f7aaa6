namespace CleanVisitors.Api.OpenApi;

/// <summary>
/// The published contract, <c>/openapi/v1.json</c>: generated from the controllers, their XML comments and the validators,
/// finished by <see cref="ExactSchemas"/>, <see cref="ApiOperations"/> and <see cref="ApiDocument"/>. The build writes the same
/// document (<see cref="DocumentGeneration"/>), and <c>openapi/v1.json</c> in the repository is its committed copy.
/// </summary>
internal static class OpenApiSetup
{
    public static IServiceCollection AddApiDocument(this IServiceCollection services)
    {
        services.AddSingleton<ValidationFacts>();
        services.AddOutputCache();
        services.AddOpenApi(options =>
        {
            options.AddSchemaTransformer<ExactSchemas>();
            options.AddOperationTransformer<ApiOperations>();
            options.AddDocumentTransformer<ApiDocument>();
        });
        return services;
    }
}
