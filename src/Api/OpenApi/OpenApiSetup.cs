using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CleanVisitors.Api.OpenApi;

/// <summary>The bearer scheme in the document, and a security requirement on every operation that needs a token.</summary>
internal sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string SchemeName = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "CleanVisitors API";
        document.Info.Description = "Visitor management: front desk, hosts, visits, audit. Errors are RFC 9457 problems.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token from POST /api/auth/login.",
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] });
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// Declares the problem responses every action can give, so the document lists each status with its schema:
/// 400 (validation), 401/403 (auth), 413/415 (body too large, not JSON), 429 (rate limit), 500, 503 (database
/// unreachable); 404 for every action on an id.
/// </summary>
internal sealed class ProblemResponsesConvention : IActionModelConvention
{
    public void Apply(ActionModel action)
    {
        Add(action, StatusCodes.Status400BadRequest, typeof(ValidationProblemDetails));
        Add(action, StatusCodes.Status429TooManyRequests, typeof(ProblemDetails));
        Add(action, StatusCodes.Status500InternalServerError, typeof(ProblemDetails));
        Add(action, StatusCodes.Status503ServiceUnavailable, typeof(ProblemDetails));
        var attributes = action.Attributes.Concat(action.Controller.Attributes).ToList();
        var anonymous = attributes.OfType<IAllowAnonymous>().Any();
        if (!anonymous)
        {
            Add(action, StatusCodes.Status401Unauthorized, typeof(ProblemDetails));
        }

        if (!anonymous && attributes.OfType<AuthorizeAttribute>().Any(a => !string.IsNullOrEmpty(a.Roles)))
        {
            Add(action, StatusCodes.Status403Forbidden, typeof(ProblemDetails));
        }

        if (action.Attributes.OfType<ConsumesAttribute>().Any())
        {
            Add(action, StatusCodes.Status413PayloadTooLarge, typeof(ProblemDetails));
            Add(action, StatusCodes.Status415UnsupportedMediaType, typeof(ProblemDetails));
        }

        var template = action.Selectors.FirstOrDefault()?.AttributeRouteModel?.Template ?? string.Empty;
        if (template.Contains("{id}", StringComparison.Ordinal) || template.Contains("{badgeCode}", StringComparison.Ordinal))
        {
            Add(action, StatusCodes.Status404NotFound, typeof(ProblemDetails));
        }
    }

    private static void Add(ActionModel action, int status, Type type)
    {
        if (!action.Filters.OfType<ProducesResponseTypeAttribute>().Any(p => p.StatusCode == status)
            && !action.Attributes.OfType<ProducesResponseTypeAttribute>().Any(p => p.StatusCode == status))
        {
            action.Filters.Add(new ProducesResponseTypeAttribute(type, status, "application/problem+json"));
        }
    }
}
