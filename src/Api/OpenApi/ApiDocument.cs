using System.Text.Json.Nodes;
using CleanVisitors.Application.Notifications;
using CleanVisitors.Domain.Visits;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace CleanVisitors.Api.OpenApi;

/// <summary>
/// The document as a whole: info (contact, licence), the server (<c>PUBLIC_BASE_URL</c>), the tags with their
/// descriptions, the two security schemes, the response headers the operations refer to, and the one problem schema every
/// error answer uses (ASP.NET Core's own problem types, and the framework types a file answer leaked, are dropped).
/// </summary>
internal sealed class ApiDocument(IOptions<NotificationOptions> notifications) : IOpenApiDocumentTransformer
{
    public const string BearerScheme = "Bearer";
    public const string CronScheme = Security.CronSecretAuthentication.Scheme;
    public const string ProblemSchemaName = "Problem";

    private static readonly string[] Leaked =
        ["ProblemDetails", "ValidationProblemDetails", "HttpValidationProblemDetails", "FileStreamResult", "Stream", "EntityTagHeaderValue", "StringSegment", "IFormFile"];

    private static readonly (string Name, string Description)[] Tags =
    [
        ("Auth", "Signing in and out, refreshing tokens, changing one's password."),
        ("Visits", "Visits from registration or invitation to check-out: approval, check-in by badge, the on-site list, the CSV export."),
        ("Visitors", "The visitor directory: people, their photos, the blocklist, erasure of personal data."),
        ("Approvals", "The host's approval link from the WhatsApp message; the single-use token is the credential."),
        ("Users", "Accounts of the front desk, hosts and admins."),
        ("Hosts", "The active hosts a visitor may come to see."),
        ("Sites", "The buildings or offices visits happen at."),
        ("AuditLogs", "Who did what, when: every creation and transition of a visit, every change to users and visitors."),
        ("Cron", "The scheduled jobs: triggers for an external scheduler, and the record of their runs."),
    ];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "CleanVisitors API",
            Version = "1.0.0",
            Summary = "Visitor management: the front desk, hosts, visits, the blocklist and the audit log.",
            Description = """
                Front desks register walk-in visitors and check them in and out; hosts invite visitors and approve or reject
                walk-ins, prompted on WhatsApp; admins manage users, sites, the blocklist, exports and the audit log.

                Sign in with `POST /api/auth/login` and send the access token as `Authorization: Bearer <token>`. Every error
                is an RFC 9457 problem (`application/problem+json`) with a stable `code` and the request's `traceId`.
                Requests are rate limited per client; every response says how much is left (`X-RateLimit-*`).
                """,
            Contact = new OpenApiContact { Name = "CleanVisitors maintainers" },
            License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" },
        };
        document.Servers =
        [
            new OpenApiServer
            {
                Url = notifications.Value.PublicBaseUrl.TrimEnd('/'),
                Description = "This deployment's public address (PUBLIC_BASE_URL): in production its https:// address, in local development http://localhost.",
                Extensions = new Dictionary<string, IOpenApiExtension> { ["x-internal"] = new JsonNodeExtension(JsonValue.Create(false)) },
            },
        ];
        document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token from POST /api/auth/login (or /api/auth/refresh): a JWS signed with HS256 only, its issuer, audience and lifetime always checked, following the JWT best practices of RFC8725.",
            },
            [CronScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The scheduler's shared secret (CRON_SECRET), sent as a bearer token; only /api/cron/{job} takes it.",
            },
        };
        document.Components.Headers = Headers();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        foreach (var leaked in Leaked)
        {
            document.Components.Schemas.Remove(leaked);
        }

        document.Components.Schemas[ProblemSchemaName] = Problem(document);
        // A request's required field is never null, though C# declares it nullable (so that leaving it out gets the rule's
        // message): the oneOf with null that the generator wraps around such a reference comes after the schema transformer.
        foreach (var schema in document.Components.Schemas.Values.OfType<OpenApiSchema>())
        {
            if (schema.Metadata?.TryGetValue(ExactSchemas.RequestMark, out var mark) != true || schema.Properties is null)
            {
                continue;
            }

            foreach (var name in schema.Required ?? new HashSet<string>())
            {
                if (schema.Properties.TryGetValue(name, out var property) && property is OpenApiSchema { OneOf: { Count: 2 } oneOf }
                    && oneOf.SingleOrDefault(s => s.Type != JsonSchemaType.Null) is { } notNull)
                {
                    schema.Properties[name] = notNull;
                }
            }
        }

        return Task.CompletedTask;
    }

    private static Dictionary<string, IOpenApiHeader> Headers() => new()
    {
        ["X-RateLimit-Limit"] = Header("The requests the client may make in the current window.", JsonSchemaType.Integer),
        ["X-RateLimit-Remaining"] = Header("The requests left in the current window.", JsonSchemaType.Integer),
        ["X-RateLimit-Reset"] = Header("Seconds until the window starts afresh.", JsonSchemaType.Integer),
        ["Retry-After"] = Header("Seconds to wait before sending the request again.", JsonSchemaType.Integer),
        ["Access-Control-Allow-Origin"] = Header("The calling page's origin, when it is one of CORS_ORIGIN (sent to browsers only; no CORS_ORIGIN, no header).", JsonSchemaType.String, "uri"),
        ["Location"] = Header("The address of the resource just created.", JsonSchemaType.String, "uri-reference"),
        ["Content-Disposition"] = Header("How to present the file, with a server-chosen file name (`inline` for a photo, `attachment` for the export).", JsonSchemaType.String),
    };

    private static OpenApiHeader Header(string description, JsonSchemaType type, string? format = null) => new()
    {
        Description = description,
        Schema = type == JsonSchemaType.Integer
            ? new OpenApiSchema { Type = type, Format = "int32", Minimum = "0", Maximum = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture) }
            : new OpenApiSchema { Type = type, Format = format, MaxLength = 2048 },
    };

    /// <summary>The one problem shape of the API (RFC 9457 with this API's members).</summary>
    private static OpenApiSchema Problem(OpenApiDocument document)
    {
        var codes = ProblemCodes.All.OrderBy(c => c.Status).ThenBy(c => c.Code, StringComparer.Ordinal).ToList();
        var list = string.Join('\n', codes.Select(c => $"- `{c.Code}` ({c.Status}): {c.Meaning}"));
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "An RFC 9457 problem: what went wrong, in words for people (title, detail) and in a stable code for programs.",
            Required = new HashSet<string> { "type", "title", "status", "code", "traceId" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference", MaxLength = 2048, Description = "A URI naming the kind of problem (the status's section of RFC 9110 unless more specific)." },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 200, Description = "The status's short summary." },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "400", Maximum = "599", Description = "The HTTP status." },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 4000, Description = "What went wrong in this case, fit to show to a user." },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference", MaxLength = 2048, Description = "The request's path." },
                ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 128, Description = "The request's W3C trace id; quote it when reporting a problem." },
                ["code"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    MaxLength = 64,
                    Pattern = "^[a-z_]+(\\.[a-z_]+)*$",
                    Description = "A stable, machine-readable code; new codes may be added. The codes:\n" + list,
                    Examples = [JsonValue.Create("visit.invalid_transition")],
                },
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "For codes `validation_failed` and `request.malformed`: each invalid field (camelCase, dotted for nested fields) and its messages.",
                    MaxProperties = 100,
                    AdditionalProperties = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Array,
                        MaxItems = 20,
                        Items = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 500 },
                    },
                },
                ["currentStatus"] = new OpenApiSchema
                {
                    Description = "For code `visit.invalid_transition`: the visit's status now.",
                    AllOf = [new OpenApiSchemaReference(nameof(VisitStatus), document)],
                },
                ["existingId"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid", MaxLength = 36, Description = "For code `visitor.phone_exists`: the id of the visitor who has the phone number." },
            },
        };
    }
}
