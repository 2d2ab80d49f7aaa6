using System.Net;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Visits;

[Collection(ApiVisitsCollection.Name)]
public sealed class VisitPaginationTests(ApiFactory factory) : ApiTest(factory)
{
    private static readonly DateTimeOffset Start = new(2030, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task List_WhenThereAreNoVisits_ReturnsAnEmptyPageWithZeroTotals()
    {
        var page = await Data.Admin.ListVisitsAsync();

        Assert.Empty(page.Items);
        Assert.Equal(1, page.Page);
        Assert.Equal(20, page.PageSize);
        Assert.Equal(0, page.TotalCount);
        Assert.Equal(0, page.TotalPages);
    }

    [Fact]
    public async Task List_WhenTheCountIsAnExactMultipleOfThePageSize_HasNoPartialLastPage()
    {
        var host = await Data.UserAsync("Host");
        await Data.InsertCheckedOutVisitsAsync(40, host.Id, Start);

        var second = await Data.Admin.ListVisitsAsync("?page=2&pageSize=20");
        var third = await Data.Admin.ListVisitsAsync("?page=3&pageSize=20");

        Assert.Equal(20, second.Items.Count);
        Assert.Equal(40, second.TotalCount);
        Assert.Equal(2, second.TotalPages);
        Assert.Empty(third.Items);
        Assert.Equal(40, third.TotalCount);
        Assert.Equal(2, third.TotalPages);
    }

    [Fact]
    public async Task List_LastPage_HoldsTheRemainder()
    {
        var host = await Data.UserAsync("Host");
        await Data.InsertCheckedOutVisitsAsync(45, host.Id, Start);

        var last = await Data.Admin.ListVisitsAsync("?page=3&pageSize=20");

        Assert.Equal(5, last.Items.Count);
        Assert.Equal(3, last.Page);
        Assert.Equal(20, last.PageSize);
        Assert.Equal(45, last.TotalCount);
        Assert.Equal(3, last.TotalPages);
        // Newest first: the last page holds the five oldest.
        Assert.Equal(Start.AddSeconds(4), last.Items[0].CreatedAt);
        Assert.Equal(Start, last.Items[4].CreatedAt);
    }

    [Fact]
    public async Task List_PagePastTheEnd_ReturnsNoItemsButTheRealTotals()
    {
        var host = await Data.UserAsync("Host");
        await Data.InsertCheckedOutVisitsAsync(45, host.Id, Start);

        var page = await Data.Admin.ListVisitsAsync("?page=10&pageSize=20");

        Assert.Empty(page.Items);
        Assert.Equal(10, page.Page);
        Assert.Equal(45, page.TotalCount);
        Assert.Equal(3, page.TotalPages);
    }

    [Fact]
    public async Task List_WithPageSize100_ReturnsAHundredItems()
    {
        var host = await Data.UserAsync("Host");
        await Data.InsertCheckedOutVisitsAsync(105, host.Id, Start);

        var first = await Data.Admin.ListVisitsAsync("?pageSize=100");
        var second = await Data.Admin.ListVisitsAsync("?page=2&pageSize=100");

        Assert.Equal(100, first.Items.Count);
        Assert.Equal(2, first.TotalPages);
        Assert.Equal(5, second.Items.Count);
        Assert.Equal(105, first.Items.Concat(second.Items).Select(v => v.Id).Distinct().Count());
    }

    [Fact]
    public async Task List_WalkingEveryPage_SeesEachVisitOnceNewestFirst()
    {
        var host = await Data.UserAsync("Host");
        await Data.InsertCheckedOutVisitsAsync(23, host.Id, Start);

        var seen = new List<VisitBody>();
        for (var page = 1; page <= 5; page++)
        {
            seen.AddRange((await Data.Admin.ListVisitsAsync($"?page={page}&pageSize=5")).Items);
        }

        Assert.Equal(23, seen.Select(v => v.Id).Distinct().Count());
        Assert.Equal(seen.OrderByDescending(v => v.CreatedAt).Select(v => v.Id), seen.Select(v => v.Id));
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page=-1", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    public async Task List_WithPagingOutsideTheContract_Returns400(string query, string field)
    {
        var response = await Data.Admin.GetAsync("/api/visits?" + query);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Errors!.Keys);
    }
}
