using System.Text.Json.Nodes;
using CleanVisitors.Api.OpenApi;
using CleanVisitors.Application.Common.Models;
using CleanVisitors.Domain.Common;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Operations;

/// <summary>
/// The published contract (issue 10): the document a client generator reads is exact. Each test names the property of the
/// document it guards; <c>ClientGeneratorTests</c> tries the document with the generators and linters themselves.
/// </summary>
public sealed class PublishedContractTests(PublishedContractFactory factory) : IClassFixture<PublishedContractFactory>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private async Task<JsonObject> DocumentAsync() =>
        JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!.AsObject();

    private static IEnumerable<(string Method, string Path, JsonObject Operation)> Operations(JsonObject document) =>
        from path in document["paths"]!.AsObject()
        from method in path.Value!.AsObject()
        where Methods.Contains(method.Key)
        select (method.Key.ToUpperInvariant(), path.Key, method.Value!.AsObject());

    private static JsonObject Schema(JsonObject document, string name) => document["components"]!["schemas"]![name]!.AsObject();

    private static JsonObject Property(JsonObject document, string schema, string property) => Schema(document, schema)["properties"]![property]!.AsObject();

    private static HashSet<string> Required(JsonObject document, string schema) =>
        (Schema(document, schema)["required"]?.AsArray() ?? []).Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);

    private static HashSet<string> Types(JsonNode schema) => schema["type"] switch
    {
        JsonArray many => many.Select(t => t!.GetValue<string>()).ToHashSet(StringComparer.Ordinal),
        JsonValue one => [one.GetValue<string>()],
        _ => [],
    };

    /// <summary>Every schema object anywhere in the document, with where it is.</summary>
    private static IEnumerable<(string Where, JsonObject Schema)> AllSchemas(JsonNode? node, string where)
    {
        if (node is JsonObject obj)
        {
            if (obj["schema"] is JsonObject schema)
            {
                yield return ($"{where}.schema", schema);
            }

            foreach (var (key, child) in obj)
            {
                var childWhere = $"{where}.{key}";
                if (where.EndsWith(".properties", StringComparison.Ordinal) || key is "items" or "additionalProperties"
                    || where.EndsWith("components.schemas", StringComparison.Ordinal))
                {
                    if (child is JsonObject childSchema)
                    {
                        yield return (childWhere, childSchema);
                    }
                }

                foreach (var nested in AllSchemas(child, childWhere))
                {
                    yield return nested;
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                foreach (var nested in AllSchemas(array[i], $"{where}[{i}]"))
                {
                    yield return nested;
                }
            }
        }
    }

    [Fact]
    public async Task ServedDocument_IsTheCommittedOne()
    {
        var served = await DocumentAsync();
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(Repository.PathOf("openapi", "v1.json")));

        Assert.True(JsonNode.DeepEquals(served, committed),
            "The served /openapi/v1.json differs from openapi/v1.json: run scripts/openapi.sh and commit the result.");
    }

    [Fact]
    public async Task BuildTimeDocument_IsTheCommittedOne()
    {
        var built = Repository.PathOf("src", "Api", "obj", "CleanVisitors.Api.json");
        Assert.True(File.Exists(built), $"The build wrote no document at {built} (Microsoft.Extensions.ApiDescription.Server).");

        var committed = JsonNode.Parse(await File.ReadAllTextAsync(Repository.PathOf("openapi", "v1.json")));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(await File.ReadAllTextAsync(built)), committed),
            "The document the build wrote differs from openapi/v1.json: run scripts/openapi.sh and commit the result.");
    }

    [Fact]
    public async Task EverySchema_SaysWhatItIs()
    {
        var document = await DocumentAsync();

        var empty = AllSchemas(document, "$")
            .Where(s => s.Schema["type"] is null && s.Schema["$ref"] is null && s.Schema["oneOf"] is null && s.Schema["allOf"] is null && s.Schema["anyOf"] is null)
            .Select(s => s.Where)
            .ToList();

        Assert.True(empty.Count == 0, "Schemas without a type: " + string.Join(", ", empty));
    }

    [Fact]
    public async Task Integers_AreIntegersOnly()
    {
        var document = await DocumentAsync();

        var mixed = AllSchemas(document, "$")
            .Where(s => Types(s.Schema).Contains("integer") && (Types(s.Schema).Contains("string") || s.Schema["pattern"] is not null))
            .Select(s => s.Where)
            .ToList();

        Assert.True(mixed.Count == 0, "Integers that are also strings: " + string.Join(", ", mixed));
        Assert.Equal(["integer"], Types(Property(document, "PagedListOfVisitDto", "totalCount")));
    }

    [Theory]
    [InlineData("VisitStatus")]
    [InlineData("UserRole")]
    [InlineData("NotificationKind")]
    [InlineData("NotificationStatus")]
    [InlineData("CronRunOutcome")]
    public async Task Enums_AreStringEnums(string name)
    {
        var schema = Schema(await DocumentAsync(), name);

        Assert.Equal(["string"], Types(schema));
        Assert.NotEmpty(schema["enum"]!.AsArray());
    }

    [Theory]
    [InlineData("VisitDto", "id", "string", "uuid", false)]
    [InlineData("VisitDto", "purpose", "string", null, false)]
    [InlineData("VisitDto", "notes", "string", null, true)]
    [InlineData("VisitDto", "expectedAt", "string", "date-time", true)]
    [InlineData("VisitDto", "createdAt", "string", "date-time", false)]
    [InlineData("VisitorDto", "fullName", "string", null, true)]
    [InlineData("VisitorDto", "phoneNumber", "string", null, true)]
    [InlineData("UserDto", "email", "string", null, false)]
    [InlineData("NotificationDto", "attempts", "integer", "int32", false)]
    public async Task ResponseFields_HaveTheirTypeAndNullability(string schema, string property, string type, string? format, bool nullable)
    {
        var field = Property(await DocumentAsync(), schema, property);

        Assert.Contains(type, Types(field));
        Assert.Equal(nullable, Types(field).Contains("null"));
        Assert.Equal(format, field["format"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("VisitDto")]
    [InlineData("VisitorDto")]
    [InlineData("PagedListOfVisitDto")]
    public async Task ResponseFields_AreAllRequired_BecauseEveryFieldIsAlwaysWritten(string schema)
    {
        var document = await DocumentAsync();

        Assert.Equal(Schema(document, schema)["properties"]!.AsObject().Select(p => p.Key).ToHashSet(StringComparer.Ordinal), Required(document, schema));
    }

    [Theory]
    [InlineData("CreateVisitorCommand", new[] { "fullName", "phoneNumber" }, new[] { "email", "company" })]
    [InlineData("CreateVisitCommand", new[] { "purpose" }, new[] { "siteId", "visitorId", "visitor", "hostId", "expectedAt", "notes" })]
    [InlineData("InlineVisitor", new[] { "fullName", "phoneNumber" }, new[] { "email", "company" })]
    [InlineData("CreateUserCommand", new[] { "email", "fullName", "role", "password" }, new[] { "phoneNumber" })]
    [InlineData("UpdateUserRequest", new string[0], new[] { "fullName", "phoneNumber", "role", "isActive" })]
    [InlineData("RejectVisitRequest", new string[0], new[] { "reason" })]
    [InlineData("BlockVisitorRequest", new[] { "reason" }, new string[0])]
    [InlineData("ApprovalDecisionRequest", new[] { "decision" }, new[] { "reason" })]
    [InlineData("LoginCommand", new[] { "email", "password" }, new string[0])]
    public async Task RequestFields_AreRequiredExactlyWhenTheValidatorsRequireThem(string schema, string[] required, string[] optional)
    {
        var document = await DocumentAsync();
        var actual = Required(document, schema);

        Assert.All(required, field => Assert.Contains(field, actual));
        Assert.All(optional, field => Assert.DoesNotContain(field, actual));
        Assert.All(required, field => Assert.DoesNotContain("null", Types(Property(document, schema, field))));
    }

    [Fact]
    public async Task RequestFields_CarryTheValidatorsLimits()
    {
        var document = await DocumentAsync();

        var fullName = Property(document, "CreateVisitorCommand", "fullName");
        Assert.Equal(Limits.NameMaxLength, fullName["maxLength"]!.GetValue<int>());
        Assert.Equal(1, fullName["minLength"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(fullName["pattern"]?.GetValue<string>()));
        Assert.Equal("idn-email", Property(document, "CreateVisitorCommand", "email")["format"]!.GetValue<string>());
        Assert.Equal(Limits.EmailMaxLength, Property(document, "CreateUserCommand", "email")["maxLength"]!.GetValue<int>());
        Assert.Equal(Limits.PurposeMaxLength, Property(document, "CreateVisitCommand", "purpose")["maxLength"]!.GetValue<int>());
        Assert.Equal(Limits.NotesMaxLength, Property(document, "CreateVisitCommand", "notes")["maxLength"]!.GetValue<int>());
        Assert.NotNull(Property(document, "CreateVisitorCommand", "phoneNumber")["pattern"]);
        Assert.Equal(Paging.MaxPageSize, Property(document, "PagedListOfVisitDto", "items")["maxItems"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("/api/visits")]
    [InlineData("/api/visitors")]
    [InlineData("/api/users")]
    [InlineData("/api/hosts")]
    [InlineData("/api/audit-logs")]
    [InlineData("/api/cron/runs")]
    public async Task PagingParameters_CarryTheirBounds(string path)
    {
        var parameters = (await DocumentAsync())["paths"]![path]!["get"]!["parameters"]!.AsArray()
            .ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!.AsObject(), StringComparer.Ordinal);

        Assert.Equal(1, parameters["page"]["schema"]!["minimum"]!.GetValue<int>());
        Assert.Equal(1, parameters["pageSize"]["schema"]!["minimum"]!.GetValue<int>());
        Assert.Equal(Paging.MaxPageSize, parameters["pageSize"]["schema"]!["maximum"]!.GetValue<int>());
        Assert.All(parameters.Values, p => Assert.False(string.IsNullOrWhiteSpace(p["description"]?.GetValue<string>()), $"{p["name"]} has no description"));
        Assert.All(parameters.Values, p => Assert.DoesNotContain("null", Types(p["schema"]!)));
    }

    [Fact]
    public async Task EveryErrorResponse_IsTheOneProblemSchema()
    {
        var document = await DocumentAsync();

        foreach (var (method, path, operation) in Operations(document))
        {
            foreach (var (status, response) in operation["responses"]!.AsObject().Where(r => r.Key[0] is '4' or '5'))
            {
                var content = response!["content"]!.AsObject();
                if (path == "/approve/{token}" && content.ContainsKey("text/html"))
                {
                    continue; // the approval page answers a browser with a page
                }

                Assert.True(content.Count == 1 && content.ContainsKey("application/problem+json"), $"{method} {path} {status} is not only application/problem+json");
                Assert.Equal("#/components/schemas/Problem", content["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>());
            }
        }

        foreach (var leaked in new[] { "ProblemDetails", "ValidationProblemDetails", "FileStreamResult", "Stream", "EntityTagHeaderValue", "StringSegment" })
        {
            Assert.False(document["components"]!["schemas"]!.AsObject().ContainsKey(leaked), $"{leaked} leaked into the document");
        }
    }

    [Fact]
    public async Task ProblemSchema_DocumentsTraceIdCodeErrorsAndCurrentStatus_AndListsEveryCode()
    {
        var document = await DocumentAsync();
        var problem = Schema(document, "Problem");
        var properties = problem["properties"]!.AsObject();

        Assert.Contains("code", Required(document, "Problem"));
        Assert.Contains("traceId", Required(document, "Problem"));
        Assert.Equal(["array"], Types(properties["errors"]!["additionalProperties"]!));
        Assert.Equal(["string"], Types(properties["errors"]!["additionalProperties"]!["items"]!));
        Assert.Equal("#/components/schemas/VisitStatus", properties["currentStatus"]!["allOf"]![0]!["$ref"]!.GetValue<string>());
        var codes = properties["code"]!["description"]!.GetValue<string>();
        Assert.All(ProblemCodes.All, code => Assert.Contains($"`{code.Code}`", codes, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryOperation_HasAGeneratorFriendlyIdASummaryAndADescriptionOfWhoMayCallIt()
    {
        var document = await DocumentAsync();
        var ids = new HashSet<string>(StringComparer.Ordinal);

        foreach (var (method, path, operation) in Operations(document))
        {
            var id = operation["operationId"]?.GetValue<string>();
            Assert.Matches("^[a-z][A-Za-z]+$", id ?? string.Empty);
            Assert.True(ids.Add(id!), $"operationId {id} is used twice");
            Assert.False(string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()), $"{method} {path} has no summary");
            var description = operation["description"]?.GetValue<string>() ?? string.Empty;
            Assert.True(description.Contains("**Roles:**", StringComparison.Ordinal) || description.Contains("**Authentication:**", StringComparison.Ordinal),
                $"{method} {path} does not say who may call it");
            Assert.NotNull(operation["tags"]);
        }
    }

    [Fact]
    public async Task EveryParameterBodyAndSchema_IsDescribed()
    {
        var document = await DocumentAsync();

        foreach (var (method, path, operation) in Operations(document))
        {
            foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
            {
                Assert.False(string.IsNullOrWhiteSpace(parameter!["description"]?.GetValue<string>()), $"{method} {path} parameter {parameter["name"]} has no description");
            }

            if (operation["requestBody"] is { } body)
            {
                Assert.False(string.IsNullOrWhiteSpace(body["description"]?.GetValue<string>()), $"{method} {path} has a body without a description");
            }
        }

        foreach (var (name, schema) in document["components"]!["schemas"]!.AsObject())
        {
            Assert.False(string.IsNullOrWhiteSpace(schema!["description"]?.GetValue<string>()), $"The schema {name} has no description");
        }

        // Prose, not C# signatures: a <see cref> to a member renders as its declaration.
        var raw = document.ToJsonString();
        Assert.DoesNotContain("&lt;", raw, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", "/api/visits", "Admin, Receptionist, Host")]
    [InlineData("GET", "/api/visits/export", "Admin")]
    [InlineData("POST", "/api/visits/{id}/approve", "Admin, Host")]
    [InlineData("DELETE", "/api/visitors/{id}", "Admin")]
    [InlineData("GET", "/api/hosts", "Admin, Receptionist")]
    public async Task Description_NamesTheRolesTheEndpointAllows(string method, string path, string roles)
    {
        var operation = (await DocumentAsync())["paths"]![path]![method.ToLowerInvariant()]!;

        Assert.Contains($"**Roles:** {roles}.", operation["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", "/api/auth/login", null)]
    [InlineData("POST", "/api/auth/refresh", null)]
    [InlineData("POST", "/api/public/approvals/{token}", null)]
    [InlineData("GET", "/approve/{token}", null)]
    [InlineData("POST", "/api/cron/{job}", ApiDocument.CronScheme)]
    [InlineData("GET", "/api/cron/{job}", ApiDocument.CronScheme)]
    [InlineData("GET", "/api/cron/runs", ApiDocument.BearerScheme)]
    [InlineData("GET", "/api/auth/me", ApiDocument.BearerScheme)]
    public async Task Security_IsBearerCronSecretOrNone(string method, string path, string? scheme)
    {
        var document = await DocumentAsync();
        var security = document["paths"]![path]![method.ToLowerInvariant()]!["security"]!.AsArray();

        if (scheme is null)
        {
            Assert.Empty(security);
        }
        else
        {
            Assert.Equal([scheme], security.SelectMany(r => r!.AsObject().Select(p => p.Key)));
        }

        Assert.True(document["components"]!["securitySchemes"]!.AsObject().ContainsKey(ApiDocument.CronScheme));
    }

    [Fact]
    public async Task Responses_DocumentTheHeadersTheySend()
    {
        var document = await DocumentAsync();

        foreach (var (method, path, operation) in Operations(document))
        {
            foreach (var (status, response) in operation["responses"]!.AsObject())
            {
                var headers = response!["headers"]?.AsObject() ?? [];
                Assert.Equal(status[0] is '2' or '4', headers.ContainsKey("X-RateLimit-Remaining"));
                if (status is "429" or "503")
                {
                    Assert.True(headers.ContainsKey("Retry-After"), $"{method} {path} {status} does not document Retry-After");
                }

                if (status == "201")
                {
                    Assert.True(headers.ContainsKey("Location"), $"{method} {path} 201 does not document Location");
                }
            }
        }
    }

    [Fact]
    public async Task JsonAnswers_AreApplicationJsonOnly()
    {
        var document = await DocumentAsync();

        foreach (var (method, path, operation) in Operations(document))
        {
            foreach (var (status, response) in operation["responses"]!.AsObject().Where(r => r.Key[0] == '2'))
            {
                var mediaTypes = response!["content"]?.AsObject().Select(c => c.Key).ToList() ?? [];
                Assert.DoesNotContain("text/plain", mediaTypes);
                Assert.DoesNotContain("text/json", mediaTypes);
            }
        }
    }

    [Fact]
    public async Task Files_AreBinaryWithTheirMediaTypes()
    {
        var paths = (await DocumentAsync())["paths"]!;

        var photo = paths["/api/visitors/{id}/photo"]!["get"]!["responses"]!["200"]!["content"]!.AsObject();
        Assert.Equal(["image/jpeg", "image/png", "image/webp"], photo.Select(c => c.Key).Order(StringComparer.Ordinal));
        Assert.All(photo, c => Assert.Equal("binary", c.Value!["schema"]!["format"]!.GetValue<string>()));
        var upload = paths["/api/visitors/{id}/photo"]!["put"]!["requestBody"]!["content"]!["multipart/form-data"]!["schema"]!;
        Assert.Equal("binary", upload["properties"]!["file"]!["format"]!.GetValue<string>());
        Assert.Contains("file", upload["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        var csv = paths["/api/visits/export"]!["get"]!["responses"]!["200"]!["content"]!.AsObject();
        Assert.Equal(["text/csv"], csv.Select(c => c.Key));
        Assert.Equal(["string"], Types(csv["text/csv"]!["schema"]!));
    }

    [Fact]
    public async Task Document_HasInfoTagsAndTheServerFromPublicBaseUrl()
    {
        var document = await DocumentAsync();

        Assert.NotNull(document["info"]!["contact"]);
        Assert.Equal("MIT", document["info"]!["license"]!["identifier"]!.GetValue<string>());
        Assert.All(document["tags"]!.AsArray(), tag => Assert.False(string.IsNullOrWhiteSpace(tag!["description"]?.GetValue<string>())));
        Assert.Equal(DocumentGeneration.PublicBaseUrl, document["servers"]![0]!["url"]!.GetValue<string>());
    }
}

/// <summary>The API as the build's document run configures it: served at <see cref="DocumentGeneration.PublicBaseUrl"/>.</summary>
public sealed class PublishedContractFactory : ApiFactory
{
    public PublishedContractFactory() => Settings["PUBLIC_BASE_URL"] = DocumentGeneration.PublicBaseUrl + "/";
}
