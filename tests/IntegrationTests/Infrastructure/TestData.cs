using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;

namespace CleanVisitors.IntegrationTests.Infrastructure;

/// <summary>
/// Test data builders that go through the API with sensible defaults, so a test states only what matters to it.
/// </summary>
public sealed class TestData(ApiFactory factory, HttpClient admin)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public HttpClient Admin { get; } = admin;

    public HttpClient Anonymous => factory.CreateClient();

    // A random start and then one after another: random draws among thousands of visitors meet (birthday odds), and a
    // visitor met again has an open visit already (409 visitor.open_visit), so numbers are unique within this process.
    private static int _lastPhoneNumber = RandomNumberGenerator.GetInt32(10_000_000, 80_000_000);

    /// <summary>A valid German mobile number in E.164, unique within the test process.</summary>
    public static string PhoneNumber() => "+49151" + Interlocked.Increment(ref _lastPhoneNumber);

    public async Task<UserBody> UserAsync(string role = "Host", string? fullName = null, string? phoneNumber = null)
    {
        var request = new
        {
            email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.com",
            fullName = fullName ?? $"{role} Person",
            phoneNumber,
            role,
            password = "correct-horse-battery",
        };
        var response = await Admin.PostAsJsonAsync("/api/users", request);
        await Expect(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<UserBody>(Json))!;
    }

    public async Task<(UserBody User, HttpClient Client)> SignedInAsync(string role, string? fullName = null)
    {
        var user = await UserAsync(role, fullName);
        return (user, await factory.ClientForAsync(user.Email, "correct-horse-battery"));
    }

    public async Task<VisitorBody> VisitorAsync(string? fullName = null, string? company = null)
    {
        var response = await Admin.PostAsJsonAsync("/api/visitors", new { fullName = fullName ?? "Vera Visitor", phoneNumber = PhoneNumber(), company });
        await Expect(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<VisitorBody>(Json))!;
    }

    /// <summary>A Host's invitation for themselves, with the visitor inline as a Host gives one (API.md: a Host never names a visitor id).</summary>
    public static Task<HttpResponseMessage> InviteAsync(HttpClient host, string phoneNumber, string fullName = "Ina Invited", string? company = null,
        Guid? siteId = null, string purpose = "Lunch", DateTimeOffset? expectedAt = null) =>
        host.PostAsJsonAsync("/api/visits", new
        {
            siteId,
            visitor = new { fullName, phoneNumber, company },
            purpose,
            expectedAt = expectedAt ?? DateTimeOffset.UtcNow.AddHours(3),
        });

    /// <summary>A visit registered at the front desk (PendingApproval) for a new visitor and the given host.</summary>
    public async Task<VisitBody> PendingVisitAsync(Guid hostId, Guid? visitorId = null, string purpose = "Meeting", HttpClient? client = null)
    {
        visitorId ??= (await VisitorAsync()).Id;
        var response = await (client ?? Admin).PostAsJsonAsync("/api/visits", new { visitorId, hostId, purpose });
        await Expect(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<VisitBody>(Json))!;
    }

    public async Task<VisitBody> ApprovedVisitAsync(Guid hostId, Guid? visitorId = null)
    {
        var visit = await PendingVisitAsync(hostId, visitorId);
        return await TransitionAsync(visit.Id, "approve");
    }

    public async Task<VisitBody> TransitionAsync(Guid visitId, string action, HttpClient? client = null)
    {
        var response = await (client ?? Admin).PostAsync($"/api/visits/{visitId}/{action}", null);
        await Expect(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<VisitBody>(Json))!;
    }

    public static async Task Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"Expected {(int)status} but got {(int)response.StatusCode}: {body}");
        }
    }

    /// <summary>The id of the default site, which exists from the first start.</summary>
    public async Task<Guid> DefaultSiteIdAsync()
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM sites WHERE is_default", connection);
        return (Guid)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A further site (once two exist, a visit needs an explicit siteId); returns its id.</summary>
    public async Task<Guid> NewSiteAsync(string? name = null)
    {
        var response = await Admin.PostAsJsonAsync("/api/sites", new { name = name ?? $"Site {Guid.NewGuid():N}", timeZone = "Europe/Berlin" });
        await Expect(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("id").GetGuid();
    }

    /// <summary>Moves a visit's createdAt straight in the database, for tests of [from, to) windows and of ordering.</summary>
    public async Task SetVisitCreatedAtAsync(Guid visitId, DateTimeOffset createdAt)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("UPDATE visits SET created_at = @at WHERE id = @id", connection);
        command.Parameters.AddWithValue("at", createdAt.ToUniversalTime());
        command.Parameters.AddWithValue("id", visitId);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    /// <summary>
    /// Inserts <paramref name="count"/> CheckedOut visits of one new visitor (made through the API) with the given host
    /// straight into the database in one SQL statement, created one second apart from <paramref name="firstCreatedAt"/>
    /// at the default site. For volume tests (pagination, export) where going through HTTP would be slow.
    /// </summary>
    public async Task<VisitorBody> InsertCheckedOutVisitsAsync(int count, Guid hostId, DateTimeOffset firstCreatedAt)
    {
        var visitor = await VisitorAsync("Bulk Visitor", "Bulk Company");
        var first = firstCreatedAt.ToUniversalTime();
        var ids = Enumerable.Range(0, count).Select(i => Guid.CreateVersion7(first.AddSeconds(i))).ToArray();
        var badges = Enumerable.Range(0, count).Select(_ => RandomNumberGenerator.GetString("23456789ABCDEFGHJKMNPQRSTUVWXYZ", 8)).ToArray();
        const string Sql = """
            INSERT INTO visits (id, site_id, visitor_id, host_id, status, purpose, badge_code, created_by_id, created_at,
                                approved_at, decided_by_id, checked_in_at, checked_out_at)
            SELECT v.id, s.id, @visitor, @host, 'CheckedOut', 'Bulk visit ' || v.n, v.badge, @host, c.at,
                   c.at + interval '1 minute', @host, c.at + interval '2 minutes', c.at + interval '1 hour'
            FROM unnest(@ids, @badges) WITH ORDINALITY AS v(id, badge, n)
            CROSS JOIN LATERAL (SELECT @first + (v.n - 1) * interval '1 second' AS at) c
            CROSS JOIN (SELECT id FROM sites WHERE is_default) s
            """;
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.AddWithValue("visitor", visitor.Id);
        command.Parameters.AddWithValue("host", hostId);
        command.Parameters.AddWithValue("first", first);
        command.Parameters.AddWithValue("ids", ids);
        command.Parameters.AddWithValue("badges", badges);
        Assert.Equal(count, await command.ExecuteNonQueryAsync());
        return visitor;
    }

    /// <summary>
    /// Asserts an RFC 9457 problem (<c>application/problem+json</c>) with the given status and the members every error
    /// carries (type, title, status, instance, traceId), and answers it. The content stays readable afterwards.
    /// </summary>
    public static async Task<ProblemBody> ExpectProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        await response.Content.LoadIntoBufferAsync();
        await Expect(response, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemBody>(Json);
        Assert.NotNull(problem);
        Assert.Equal((int)status, problem.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Type), "The problem has no type.");
        Assert.False(string.IsNullOrWhiteSpace(problem.Title), "The problem has no title.");
        Assert.False(string.IsNullOrWhiteSpace(problem.Instance), "The problem has no instance.");
        Assert.False(string.IsNullOrWhiteSpace(problem.TraceId), "The problem has no traceId.");
        AssertListedCode(problem, (int)status);
        return problem;
    }

    /// <summary>Every problem carries a code the OpenAPI document lists, under the status the list gives it.</summary>
    private static void AssertListedCode(ProblemBody problem, int status)
    {
        Assert.True(problem.Code() is not null, "The problem has no code.");
        var listed = Api.OpenApi.ProblemCodes.All.SingleOrDefault(c => c.Code == problem.Code());
        Assert.True(listed is not null, $"The problem's code {problem.Code()} is not in the document's list (ProblemCodes).");
        if (listed.Code != Api.OpenApi.ProblemCodes.Rejected)
        {
            Assert.True(listed.Status == status, $"The code {listed.Code} is listed under {listed.Status}, answered with {status}.");
        }
    }

    /// <summary>A body of exactly this JSON text, for shapes an object cannot make (duplicate keys, deep nesting).</summary>
    public static StringContent RawJson(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}

public sealed record UserBody(Guid Id, string Email, string FullName, string? PhoneNumber, string Role, bool IsActive, DateTimeOffset CreatedAt);

public sealed record VisitorBody(
    Guid Id, string? FullName, string? PhoneNumber, string? Email, string? Company, bool IsBlocked, string? BlockReason,
    bool HasPhoto, bool IsErased, DateTimeOffset CreatedAt, DateTimeOffset? LastVisitAt);

public sealed record VisitBody(
    Guid Id, Guid SiteId, string Status, string Purpose, string? Notes, DateTimeOffset? ExpectedAt, string BadgeCode,
    VisitVisitorBody Visitor, VisitHostBody Host, DateTimeOffset CreatedAt, DateTimeOffset? ApprovedAt, DateTimeOffset? RejectedAt,
    string? RejectionReason, DateTimeOffset? CheckedInAt, DateTimeOffset? CheckedOutAt, DateTimeOffset? CancelledAt, DateTimeOffset? ExpiredAt);

public sealed record VisitVisitorBody(Guid? Id, string? FullName, string? PhoneNumber, string? Company);

public sealed record VisitHostBody(Guid Id, string FullName);

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount, int TotalPages, bool TotalCountIsCapped, string? NextCursor);

public sealed record ProblemBody(string? Type, string? Title, int Status, string? Detail, string? Instance, string? TraceId, Dictionary<string, string[]>? Errors)
{
    /// <summary>The problem's <c>code</c> (a method, so that the serializer leaves the member in <see cref="Extensions"/>).</summary>
    public string? Code() => Extensions?.TryGetValue("code", out var code) == true && code.ValueKind == JsonValueKind.String ? code.GetString() : null;

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extensions { get; init; }
}
