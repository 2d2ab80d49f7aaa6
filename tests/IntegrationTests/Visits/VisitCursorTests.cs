using System.Net;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Visits;

/// <summary>API.md Conventions: counting bounded at 10,000 (totalCountIsCapped) and keyset cursors (cursor, nextCursor).</summary>
[Collection(ApiVisitsCollection.Name)]
public sealed class VisitCursorTests(ApiFactory factory) : ApiTest(factory)
{
    private static readonly DateTimeOffset Start = new(2030, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task List_WalkedByCursor_SeesEachVisitOnceNewestFirstAndEndsWithNoCursor()
    {
        var host = await Data.UserAsync("Host");
        await Data.InsertCheckedOutVisitsAsync(23, host.Id, Start);

        var pages = await WalkAsync(Data.Admin, "/api/visits?pageSize=5");

        Assert.Equal([1, 2, 3, 4, 5], pages.Select(p => p.Page));
        Assert.Equal([5, 5, 5, 5, 3], pages.Select(p => p.Items.Count));
        Assert.All(pages, p => Assert.Equal((23, 5, false), (p.TotalCount, p.TotalPages, p.TotalCountIsCapped)));
        Assert.All(pages.SkipLast(1), p => Assert.NotNull(p.NextCursor));
        Assert.Null(pages[^1].NextCursor);
        var seen = pages.SelectMany(p => p.Items).ToList();
        Assert.Equal(23, seen.Select(v => v.Id).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 23).Select(i => Start.AddSeconds(22 - i)), seen.Select(v => v.CreatedAt));
    }

    [Fact]
    public async Task List_ByCursor_ReturnsTheSameRowsAsByPageNumber()
    {
        var host = await Data.UserAsync("Host");
        await Data.InsertCheckedOutVisitsAsync(12, host.Id, Start);

        var first = await Data.Admin.ListVisitsAsync("?pageSize=4");
        var byCursor = await Data.Admin.ListVisitsAsync("?pageSize=4&cursor=" + Uri.EscapeDataString(first.NextCursor!));
        var byNumber = await Data.Admin.ListVisitsAsync("?pageSize=4&page=2");

        Assert.Equal(byNumber.Items.Select(v => v.Id), byCursor.Items.Select(v => v.Id));
        Assert.Equal(2, byCursor.Page);
        Assert.Equal(byNumber.NextCursor is null, byCursor.NextCursor is null);
    }

    [Fact]
    public async Task List_WhenVisitsShareACreatedAt_TheCursorBreaksTiesById()
    {
        var host = await Data.UserAsync("Host");
        var visits = await Task.WhenAll(Enumerable.Range(0, 7).Select(i => Data.PendingVisitAsync(host.Id)));
        foreach (var visit in visits)
        {
            await Data.SetVisitCreatedAtAsync(visit.Id, Start);
        }

        var pages = await WalkAsync(Data.Admin, "/api/visits?pageSize=2");

        var seen = pages.SelectMany(p => p.Items).Select(v => v.Id).ToList();
        Assert.Equal(7, seen.Count);
        Assert.Equal(visits.Select(v => v.Id).Order(), seen.Order());
    }

    [Fact]
    public async Task List_WithAFilter_WalksOnlyTheMatchesByCursor()
    {
        var host = await Data.UserAsync("Host");
        var other = await Data.UserAsync("Host");
        await Data.InsertCheckedOutVisitsAsync(9, host.Id, Start);
        await Data.InsertCheckedOutVisitsAsync(6, other.Id, Start.AddDays(1));

        var pages = await WalkAsync(Data.Admin, $"/api/visits?hostId={host.Id}&pageSize=4");

        Assert.Equal(9, pages.SelectMany(p => p.Items).Select(v => v.Id).Distinct().Count());
        Assert.All(pages.SelectMany(p => p.Items), v => Assert.Equal(host.Id, v.Host.Id));
    }

    [Fact]
    public async Task List_AsAHost_WalksOnlyTheirOwnVisitsByCursor()
    {
        var (host, client) = await Data.SignedInAsync("Host");
        var other = await Data.UserAsync("Host");
        await Data.InsertCheckedOutVisitsAsync(5, host.Id, Start);
        await Data.InsertCheckedOutVisitsAsync(5, other.Id, Start.AddDays(1));

        var pages = await WalkAsync(client, "/api/visits?pageSize=2");

        Assert.Equal([2, 2, 1], pages.Select(p => p.Items.Count));
        Assert.All(pages.SelectMany(p => p.Items), v => Assert.Equal(host.Id, v.Host.Id));
    }

    [Fact]
    public async Task List_WithMoreThanTenThousandMatches_CapsTheCountAndReachesLaterRowsByCursor()
    {
        var host = await Data.UserAsync("Host");
        await Data.InsertCheckedOutVisitsAsync(10_050, host.Id, Start);

        var first = await Data.Admin.ListVisitsAsync("?pageSize=100");
        var pastTheCap = await Data.Admin.GetAsync("/api/visits?pageSize=100&page=101");
        var pages = await WalkAsync(Data.Admin, "/api/visits?pageSize=100");

        Assert.Equal((10_000, 100, true), (first.TotalCount, first.TotalPages, first.TotalCountIsCapped));
        var problem = await pastTheCap.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("cursor", problem.Errors!["page"][0], StringComparison.Ordinal);
        Assert.Equal(101, pages.Count);
        Assert.Equal(50, pages[^1].Items.Count);
        Assert.Equal(101, pages[^1].Page);
        Assert.Equal(Start, pages[^1].Items[^1].CreatedAt);
        Assert.Equal(10_050, pages.SelectMany(p => p.Items).Select(v => v.Id).Distinct().Count());
    }

    [Fact]
    public async Task List_WithExactlyTheCapOfMatches_IsNotCapped()
    {
        var host = await Data.UserAsync("Host");
        await Data.InsertCheckedOutVisitsAsync(10_000, host.Id, Start);

        var page = await Data.Admin.ListVisitsAsync("?pageSize=100&page=100");

        Assert.Equal((10_000, 100, false), (page.TotalCount, page.TotalPages, page.TotalCountIsCapped));
        Assert.Equal(100, page.Items.Count);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task List_WithACursorMadeForOtherFilters_Returns400()
    {
        var host = await Data.UserAsync("Host");
        await Data.InsertCheckedOutVisitsAsync(5, host.Id, Start);
        var first = await Data.Admin.ListVisitsAsync($"?hostId={host.Id}&pageSize=2");

        var response = await Data.Admin.GetAsync("/api/visits?status=CheckedOut&pageSize=2&cursor=" + Uri.EscapeDataString(first.NextCursor!));

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.True(problem.Errors!.ContainsKey("cursor"));
    }

    [Fact]
    public async Task List_WithACursorOfAnotherList_Returns400()
    {
        for (var i = 0; i < 3; i++)
        {
            await Data.VisitorAsync($"Vera Number {(char)('A' + i)}");
        }

        var visitors = await Data.Admin.GetAsync("/api/visitors?pageSize=1");
        var cursor = (await visitors.ReadAsync<Paged<VisitorBody>>(HttpStatusCode.OK)).NextCursor!;

        var response = await Data.Admin.GetAsync("/api/visits?pageSize=1&cursor=" + Uri.EscapeDataString(cursor));

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.True(problem.Errors!.ContainsKey("cursor"));
    }

    /// <summary>Follows nextCursor from the first page (<paramref name="path"/>) to the last, and answers every page.</summary>
    private static async Task<List<Paged<VisitBody>>> WalkAsync(HttpClient client, string path)
    {
        var pages = new List<Paged<VisitBody>> { await (await client.GetAsync(path)).ReadAsync<Paged<VisitBody>>(HttpStatusCode.OK) };
        while (pages[^1].NextCursor is { } next && pages.Count < 1_000)
        {
            var response = await client.GetAsync($"{path}&cursor={Uri.EscapeDataString(next)}");
            pages.Add(await response.ReadAsync<Paged<VisitBody>>(HttpStatusCode.OK));
        }

        return pages;
    }
}
