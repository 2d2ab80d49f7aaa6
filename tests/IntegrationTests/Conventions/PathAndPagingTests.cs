using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Conventions;

/// <summary>API.md Conventions: malformed ids in paths, the paging bounds, unknown routes.</summary>
[Collection(ApiContractCollection.Name)]
public sealed class PathAndPagingTests(ApiFactory factory) : ApiTest(factory)
{
    public static readonly TheoryData<string> PagedLists = ["/api/users", "/api/hosts", "/api/visitors", "/api/visits", "/api/audit-logs"];

    public static TheoryData<string, string> BadPaging()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in PagedLists)
        {
            foreach (var query in new[] { "page=0", "page=-1", "pageSize=0", "pageSize=101", "page=abc", "pageSize=abc", "page=99999999999" })
            {
                data.Add(path, query);
            }
        }

        return data;
    }

    [Theory]
    [InlineData("GET", "/api/visits/not-a-uuid")]
    [InlineData("GET", "/api/users/123")]
    [InlineData("GET", "/api/visitors/not-a-uuid")]
    [InlineData("PATCH", "/api/users/123")]
    [InlineData("PUT", "/api/visitors/123")]
    [InlineData("DELETE", "/api/visitors/123")]
    [InlineData("POST", "/api/visitors/123/block")]
    [InlineData("POST", "/api/visits/not-a-uuid/approve")]
    [InlineData("POST", "/api/visits/not-a-uuid/check-in")]
    [InlineData("GET", "/api/visits/00000000-0000-0000-0000-00000000000g")]
    public async Task Request_WithMalformedIdInPath_Returns400(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "PATCH" or "PUT" or "POST")
        {
            request.Content = TestData.RawJson(method == "POST" ? "{\"reason\":\"Because\"}" : "{\"fullName\":\"Vera Visitor\",\"phoneNumber\":\"+4915123456789\"}");
        }

        var response = await Data.Admin.SendAsync(request);

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.NotNull(problem.Errors);
    }

    [Theory]
    [MemberData(nameof(BadPaging))]
    public async Task List_WithPagingOutsideTheContract_Returns400(string path, string query)
    {
        var response = await Data.Admin.GetAsync($"{path}?{query}");

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        var field = query[..query.IndexOf('=', StringComparison.Ordinal)];
        Assert.True(problem.Errors!.ContainsKey(field), $"errors.{field} is missing");
    }

    public static TheoryData<string, string> BadCursors()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in PagedLists)
        {
            // Not base64url; base64url of no JSON; a JSON payload of no cursor; page and cursor together.
            foreach (var query in new[] { "cursor=%25%25%25", "cursor=bm90LWpzb24", "cursor=e30", "page=1&cursor=e30", "cursor=" + new string('A', 600) })
            {
                data.Add(path, query);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadCursors))]
    public async Task List_WithACursorThatIsNotOneOfThisList_Returns400(string path, string query)
    {
        var response = await Data.Admin.GetAsync($"{path}?{query}");

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.True(problem.Errors!.ContainsKey("cursor"), "errors.cursor is missing");
    }

    [Theory]
    [MemberData(nameof(PagedLists))]
    public async Task List_FirstPage_SaysTheCountIsExactAndHasNoCursorWhenItIsTheLast(string path)
    {
        var response = await Data.Admin.GetAsync($"{path}?pageSize=100");

        await TestData.Expect(response, HttpStatusCode.OK);
        var page = await response.Content.ReadFromJsonAsync<Paged<JsonElement>>(TestData.Json);
        Assert.False(page!.TotalCountIsCapped);
        Assert.Null(page.NextCursor);
        Assert.Equal(page.Items.Count, page.TotalCount);
    }

    [Theory]
    [MemberData(nameof(PagedLists))]
    public async Task List_WithLargestPageSize_Returns200(string path)
    {
        var response = await Data.Admin.GetAsync($"{path}?page=1&pageSize=100");

        await TestData.Expect(response, HttpStatusCode.OK);
        var page = await response.Content.ReadFromJsonAsync<Paged<JsonElement>>(TestData.Json);
        Assert.Equal((1, 100), (page!.Page, page.PageSize));
    }

    [Theory]
    [MemberData(nameof(PagedLists))]
    public async Task List_WithoutPaging_UsesPage1Of20(string path)
    {
        var response = await Data.Admin.GetAsync(path);

        await TestData.Expect(response, HttpStatusCode.OK);
        var page = await response.Content.ReadFromJsonAsync<Paged<JsonElement>>(TestData.Json);
        Assert.Equal((1, 20), (page!.Page, page.PageSize));
    }

    [Theory]
    [InlineData("GET", "/api/no-such-thing")]
    [InlineData("GET", "/no-such-thing")]
    [InlineData("POST", "/api/visits/00000000-0000-7000-8000-000000000000/teleport")]
    public async Task Request_ToUnknownRoute_Returns404Problem(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        var response = await Data.Admin.SendAsync(request);

        await TestData.ExpectProblem(response, HttpStatusCode.NotFound);
    }
}
