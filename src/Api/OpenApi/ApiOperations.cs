using System.Text.Json.Nodes;
using CleanVisitors.Application.Visitors;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visits;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CleanVisitors.Api.OpenApi;

/// <summary>
/// What each operation needs beyond its summary (from the action's XML comment) and its operationId (the route's
/// <c>Name</c>): who may call it (the <c>security</c> requirement and, in the description, the roles), the headers its
/// responses carry, every error as an <c>application/problem+json</c> <see cref="ApiDocument.ProblemSchemaName"/>, JSON
/// answers as <c>application/json</c> only, and files as binary.
/// </summary>
internal sealed class ApiOperations(ValidationFacts validation) : IOpenApiOperationTransformer
{
    public const string ProblemMediaType = "application/problem+json";

    /// <summary>The longest value each path parameter that is not a UUID can usefully have: longer ones never match.</summary>
    private static readonly Dictionary<string, int> PathParameterLengths = new(StringComparer.Ordinal)
    {
        ["token"] = ApprovalToken.RawMaxLength,
        ["job"] = Limits.JobNameMaxLength,
        ["badgeCode"] = BadgeCode.Length,
    };

    private static readonly string[] RateLimitHeaders = ["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"];

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var document = context.Document;
        Secure(operation, metadata, document);
        Parameters(operation, context.Description.ActionDescriptor);
        if (operation.Responses is { } responses)
        {
            foreach (var (status, response) in responses)
            {
                if (response is OpenApiResponse concrete)
                {
                    Describe(concrete, status, document);
                }
            }
        }

        if (operation.RequestBody?.Content is { } requestContent)
        {
            foreach (var mediaType in requestContent.Keys.Where(m => m is "text/json" or "application/*+json").ToList())
            {
                requestContent.Remove(mediaType);
            }

            if (requestContent.TryGetValue("multipart/form-data", out var form))
            {
                form.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "file" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["file"] = new OpenApiSchema
                        {
                            Type = JsonSchemaType.String,
                            Format = "binary",
                            MaxLength = PhotoFormat.MaxBytes,
                            Description = "A JPEG, PNG or WebP image of at most 5 MB, recognised by its bytes.",
                        },
                    },
                };
                form.Encoding = new Dictionary<string, OpenApiEncoding> { ["file"] = new() { ContentType = "image/jpeg, image/png, image/webp" } };
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A query or path parameter is never null (absent is how a client leaves it out), and carries the rules of the query
    /// or command it becomes (<see cref="ValidatedAsAttribute"/> on the action).
    /// </summary>
    private void Parameters(OpenApiOperation operation, Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor action)
    {
        var validatedAs = (action as ControllerActionDescriptor)?.MethodInfo.GetCustomAttributes(typeof(ValidatedAsAttribute), inherit: false)
            .OfType<ValidatedAsAttribute>().FirstOrDefault();
        var facts = validatedAs is null ? null : validation.For(validatedAs.Type);
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.Schema is OpenApiSchema schema)
            {
                if (schema.Type is { } type && type.HasFlag(JsonSchemaType.Null))
                {
                    schema.Type = type & ~JsonSchemaType.Null;
                }

                if (facts is not null && parameter.Name is { } name && facts.TryGetValue(name, out var field))
                {
                    ExactSchemas.Constrain(schema, field);
                }

                if (parameter.Name is { } key && PathParameterLengths.TryGetValue(key, out var maxLength))
                {
                    schema.MaxLength = maxLength;
                }
            }
        }
    }

    /// <summary>Bearer for signed-in users, the cron secret for the job trigger, an explicit empty requirement for anonymous operations.</summary>
    private static void Secure(OpenApiOperation operation, IList<object> metadata, OpenApiDocument? document)
    {
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var cron = metadata.OfType<IAuthorizeData>().Any(d => d.AuthenticationSchemes?.Split(',').Contains(ApiDocument.CronScheme, StringComparer.Ordinal) == true);
        operation.Security = [];
        if (cron)
        {
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiDocument.CronScheme, document)] = [] });
            Append(operation, "**Authentication:** the cron secret, `Authorization: Bearer <CRON_SECRET>`; no user token.");
        }
        else if (!anonymous)
        {
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiDocument.BearerScheme, document)] = [] });
            var roles = Roles(metadata);
            Append(operation, roles is null ? "**Roles:** any signed-in user." : $"**Roles:** {string.Join(", ", roles)}.");
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            if (roles is not null)
            {
                operation.Extensions["x-roles"] = new JsonNodeExtension(new JsonArray([.. roles.Select(r => JsonValue.Create(r))]));
            }
        }
        else
        {
            Append(operation, "**Authentication:** none.");
        }
    }

    /// <summary>The roles every <c>[Authorize(Roles = …)]</c> on the action and its controller allows together; null when none names roles.</summary>
    internal static IReadOnlyList<string>? Roles(IEnumerable<object> metadata)
    {
        IEnumerable<string>? allowed = null;
        foreach (var data in metadata.OfType<IAuthorizeData>().Where(d => !string.IsNullOrWhiteSpace(d.Roles)))
        {
            var roles = data.Roles!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            allowed = allowed is null ? roles : allowed.Intersect(roles, StringComparer.Ordinal);
        }

        return allowed?.Distinct(StringComparer.Ordinal).ToList();
    }

    private static void Append(OpenApiOperation operation, string sentence) =>
        operation.Description = string.IsNullOrWhiteSpace(operation.Description) ? sentence : $"{operation.Description.TrimEnd()}\n\n{sentence}";

    private static void Describe(OpenApiResponse response, string status, OpenApiDocument? document)
    {
        var code = int.Parse(status, System.Globalization.CultureInfo.InvariantCulture);
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers["Access-Control-Allow-Origin"] = new OpenApiHeaderReference("Access-Control-Allow-Origin", document);
        if (code < 500)
        {
            // Answers of the endpoint and client errors, refusals included; a 5xx comes from a handler that starts afresh.
            foreach (var header in RateLimitHeaders)
            {
                response.Headers[header] = new OpenApiHeaderReference(header, document);
            }
        }

        if (code is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
        {
            response.Headers["Retry-After"] = new OpenApiHeaderReference("Retry-After", document);
        }

        if (code == StatusCodes.Status201Created)
        {
            response.Headers["Location"] = new OpenApiHeaderReference("Location", document);
        }

        if (response.Content is not { } content)
        {
            return;
        }

        if (code >= 400)
        {
            if (content.ContainsKey("text/html") && !content.ContainsKey(ProblemMediaType))
            {
                return; // the approval page answers a browser with a page, not a problem
            }

            content.Clear();
            content[ProblemMediaType] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(ApiDocument.ProblemSchemaName, document) };
            response.Description = ProblemDescription(code);
            return;
        }

        foreach (var mediaType in content.Keys.Where(m => m is "text/plain" or "text/json").ToList())
        {
            content.Remove(mediaType);
        }

        foreach (var (mediaType, body) in content)
        {
            if (mediaType.StartsWith("image/", StringComparison.Ordinal) || mediaType == "text/csv")
            {
                response.Headers["Content-Disposition"] = new OpenApiHeaderReference("Content-Disposition", document);
            }

            if (mediaType.StartsWith("image/", StringComparison.Ordinal))
            {
                body.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", MaxLength = PhotoFormat.MaxBytes };
            }
            else if (mediaType is "text/csv" or "text/html")
            {
                body.Schema = new OpenApiSchema { Type = JsonSchemaType.String };
            }
        }
    }

    private static string ProblemDescription(int status)
    {
        var codes = ProblemCodes.All.Where(c => c.Status == status).Select(c => $"`{c.Code}`").ToList();
        var reason = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
        return codes.Count == 0 ? reason : $"{reason}. Codes: {string.Join(", ", codes)}.";
    }
}
