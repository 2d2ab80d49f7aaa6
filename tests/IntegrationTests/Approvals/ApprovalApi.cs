using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CleanVisitors.IntegrationTests.Infrastructure;
using Npgsql;

namespace CleanVisitors.IntegrationTests.Approvals;

/// <summary>
/// The API in-process (in-memory message transport, real PostgreSQL) with WhatsApp pointed at a local fake, so a
/// test can read the approval link out of the message the host was sent.
/// </summary>
public sealed class ApprovalApi : IAsyncLifetime
{
    public const string PublicBaseUrl = "https://visitors.example.test";

    public WhatsAppFake WhatsApp { get; } = new();

    public ApiFactory Factory { get; } = new();

    public async Task InitializeAsync()
    {
        WhatsApp.Answer(200);
        foreach (var (key, value) in WhatsApp.Settings)
        {
            Factory.Settings[key] = value;
        }

        Factory.Settings["PUBLIC_BASE_URL"] = PublicBaseUrl;
        Factory.Settings["WHATSAPP_RETRY_DELAY_MS"] = "10";
        await ((IAsyncLifetime)Factory).InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)Factory).DisposeAsync();
        WhatsApp.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ApprovalCollection : ICollectionFixture<ApprovalApi>
{
    public const string Name = "approval links";
}

/// <summary>A visit registered at the front desk whose host was sent an approval link.</summary>
public sealed record PendingApproval(VisitBody Visit, UserBody Host, string HostPhone, string VisitorPhone, string SiteName, string Message, string Link, string Token);

/// <summary>Builds visits whose approval link has gone out, and reads what the database holds about them.</summary>
public sealed partial class ApprovalScenario(ApiFactory factory, WhatsAppFake? whatsApp, TestData data)
{
    public const string VisitorName = "Zoë O'Neill";
    public const string Company = "O'Reilly, Smith";
    public const string Purpose = "Q&A on 'pricing' & contracts";
    public const string SiteName = "St. Mary's Campus";

    /// <summary>Tomorrow 08:30 UTC: 09:30 or 10:30 on the Berlin site's clock.</summary>
    public static DateTimeOffset ExpectedAt { get; } = new(DateTime.UtcNow.Date.AddDays(1).AddHours(8).AddMinutes(30), TimeSpan.Zero);

    /// <summary>
    /// A receptionist registers a visit for a host with a phone number; waits for the WhatsApp message the host gets
    /// and takes the approval link from it.
    /// </summary>
    public async Task<PendingApproval> RequestApprovalAsync(string purpose = Purpose, string? siteName = null)
    {
        var site = siteName ?? SiteName + " " + Guid.NewGuid().ToString("N")[..6];
        var siteId = await data.NewSiteAsync(site);
        var hostPhone = TestData.PhoneNumber();
        var host = await data.UserAsync("Host", "Hanna Host-Meyer", hostPhone);
        var visitorPhone = TestData.PhoneNumber();
        var visitorResponse = await data.Admin.PostAsJsonAsync("/api/visitors", new { fullName = VisitorName, phoneNumber = visitorPhone, company = Company });
        await TestData.Expect(visitorResponse, HttpStatusCode.Created);
        var visitor = (await visitorResponse.Content.ReadFromJsonAsync<VisitorBody>(TestData.Json))!;

        var (_, desk) = await data.SignedInAsync("Receptionist");
        var created = await desk.PostAsJsonAsync("/api/visits", new { siteId, visitorId = visitor.Id, hostId = host.Id, purpose, expectedAt = ExpectedAt });
        await TestData.Expect(created, HttpStatusCode.Created);
        var visit = (await created.Content.ReadFromJsonAsync<VisitBody>(TestData.Json))!;
        Assert.Equal("PendingApproval", visit.Status);

        var message = await (whatsApp ?? throw new InvalidOperationException("No WhatsApp fake to read the link from.")).WaitForArrivalToAsync(hostPhone);
        var link = LinkPattern().Match(message.Text!);
        Assert.True(link.Success, $"The approval request carries no approval link: {message.Text}");
        Assert.StartsWith(ApprovalApi.PublicBaseUrl + "/approve/", link.Value, StringComparison.Ordinal);
        return new PendingApproval(visit, host, hostPhone, visitorPhone, site, message.Text!, link.Value, link.Groups["token"].Value);
    }

    public async Task<VisitBody> VisitAsync(Guid visitId)
    {
        var response = await data.Admin.GetAsync($"/api/visits/{visitId}");
        await TestData.Expect(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<VisitBody>(TestData.Json))!;
    }

    public async Task<IReadOnlyList<AuditEntryBody>> AuditAsync(Guid visitId)
    {
        var response = await data.Admin.GetAsync($"/api/audit-logs?entityId={visitId}&pageSize=100");
        await TestData.Expect(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<Paged<AuditEntryBody>>(TestData.Json))!.Items;
    }

    public async Task<IReadOnlyList<NotificationBody>> NotificationsAsync(Guid visitId)
    {
        var response = await data.Admin.GetAsync($"/api/visits/{visitId}/notifications");
        await TestData.Expect(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<List<NotificationBody>>(TestData.Json))!;
    }

    /// <summary>Waits until the visit's notifications satisfy <paramref name="done"/>; fails with what they were at the deadline.</summary>
    public Task<IReadOnlyList<NotificationBody>> WaitForNotificationsAsync(Guid visitId, Func<IReadOnlyList<NotificationBody>, bool> done, TimeSpan? timeout = null) =>
        Eventually.UntilAsync(
            () => NotificationsAsync(visitId),
            done,
            timeout ?? TimeSpan.FromSeconds(30),
            notifications => "the visit's notifications did not reach the expected state: " + string.Join(", ", notifications));

    /// <summary>The visit's approval-token rows: (token_hash, used_at, expires_at), oldest first.</summary>
    public async Task<IReadOnlyList<(string Hash, DateTimeOffset? UsedAt, DateTimeOffset ExpiresAt)>> TokenRowsAsync(Guid visitId)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT token_hash, used_at, expires_at FROM approval_tokens WHERE visit_id = @id ORDER BY created_at", connection);
        command.Parameters.AddWithValue("id", visitId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, DateTimeOffset?, DateTimeOffset)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return rows;
    }

    public async Task<int> ExecuteAsync(string sql, Guid visitId)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", visitId);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>The public tables (and how many of their rows) whose text form contains <paramref name="value"/>.</summary>
    public async Task<IReadOnlyList<string>> TablesContainingAsync(string value)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains("approval_tokens", tables);
        var found = new List<string>();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" t WHERE strpos(t::text, @value) > 0", connection);
            count.Parameters.AddWithValue("value", value);
            if ((long)(await count.ExecuteScalarAsync())! > 0)
            {
                found.Add(table);
            }
        }

        return found;
    }

    [GeneratedRegex(@"https?://\S+/approve/(?<token>[A-Za-z0-9_-]+)")]
    private static partial Regex LinkPattern();
}

public sealed record AuditEntryBody(Guid Id, DateTimeOffset At, Guid? UserId, string Action, string EntityType, Guid EntityId, string? Details);

public sealed record NotificationBody(Guid Id, string Kind, string Recipient, string Status, int Attempts, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? SentAt);

public sealed record ApprovalOutcomeBody(Guid VisitId, string Status);
