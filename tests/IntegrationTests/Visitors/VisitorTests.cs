using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Visitors;

public sealed class VisitorTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Create_WithTypedPhoneNumber_Returns201WithLocationAndE164Number()
    {
        var before = DateTimeOffset.UtcNow;

        var response = await Data.Admin.PostAsJsonAsync("/api/visitors", new
        {
            fullName = "Vera Visitor",
            phoneNumber = "+49 (151) 2345-6789",
            email = "vera@example.com",
            company = "Acme GmbH",
        });

        await TestData.Expect(response, HttpStatusCode.Created);
        var raw = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(raw);
        Assert.Equal(
            ["blockReason", "company", "createdAt", "email", "fullName", "hasPhoto", "id", "isBlocked", "isErased", "lastVisitAt", "phoneNumber"],
            json.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var visitor = JsonSerializer.Deserialize<VisitorBody>(raw, TestData.Json)!;
        Assert.Equal("Vera Visitor", visitor.FullName);
        Assert.Equal("+4915123456789", visitor.PhoneNumber);
        Assert.Equal("vera@example.com", visitor.Email);
        Assert.Equal("Acme GmbH", visitor.Company);
        Assert.False(visitor.IsBlocked);
        Assert.Null(visitor.BlockReason);
        Assert.False(visitor.HasPhoto);
        Assert.False(visitor.IsErased);
        Assert.Null(visitor.LastVisitAt);
        Assert.InRange(visitor.CreatedAt, before.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5));

        Assert.NotNull(response.Headers.Location);
        var fetched = await Data.Admin.GetFromJsonAsync<VisitorBody>(response.Headers.Location, TestData.Json);
        Assert.Equal(visitor, fetched);
    }

    [Fact]
    public async Task Create_AsReceptionist_Returns201()
    {
        var (_, desk) = await Data.SignedInAsync("Receptionist");

        var response = await desk.PostAsJsonAsync("/api/visitors", new { fullName = "Vera Visitor", phoneNumber = TestData.PhoneNumber() });

        await TestData.Expect(response, HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("0049 151 23456789")]
    [InlineData("+49-151-234-567-89")]
    [InlineData("(+49) 15123456789")]
    public async Task Create_WhenPhoneNumberExistsTypedDifferently_Returns409WithExistingId(string typed)
    {
        var first = await Data.Admin.PostAsJsonAsync("/api/visitors", new { fullName = "Vera Visitor", phoneNumber = "+4915123456789" });
        await TestData.Expect(first, HttpStatusCode.Created);
        var existing = await first.Content.ReadFromJsonAsync<VisitorBody>(TestData.Json);

        var response = await Data.Admin.PostAsJsonAsync("/api/visitors", new { fullName = "Someone Else", phoneNumber = typed });

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.Conflict);
        Assert.Equal(existing!.Id, problem.Extensions!["existingId"].GetGuid());
        var all = await Data.Admin.GetFromJsonAsync<Paged<VisitorBody>>("/api/visitors", TestData.Json);
        Assert.Single(all!.Items);
    }

    [Theory]
    [InlineData("fullName", "<script>alert(1)</script>")]
    [InlineData("fullName", "Vera <b>Visitor</b>")]
    [InlineData("company", "<script>alert(1)</script>")]
    public async Task Create_WithMarkupInAName_Returns400(string field, string value)
    {
        var body = new Dictionary<string, string>
        {
            ["fullName"] = "Vera Visitor",
            ["phoneNumber"] = TestData.PhoneNumber(),
            ["company"] = "Acme",
        };
        body[field] = value;

        var response = await Data.Admin.PostAsJsonAsync("/api/visitors", body);

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.True(problem.Errors!.ContainsKey(field), $"errors.{field} is missing");
        var all = await Data.Admin.GetFromJsonAsync<Paged<VisitorBody>>("/api/visitors", TestData.Json);
        Assert.Empty(all!.Items);
    }

    [Fact]
    public async Task Create_WithNameOfLettersDigitsAndAllowedPunctuation_Returns201()
    {
        var response = await Data.Admin.PostAsJsonAsync("/api/visitors", new
        {
            fullName = "Zoë O'Brien-Müller, Jr. 2",
            phoneNumber = TestData.PhoneNumber(),
            company = "Smith, Jones and Co.",
        });

        await TestData.Expect(response, HttpStatusCode.Created);
        var visitor = await response.Content.ReadFromJsonAsync<VisitorBody>(TestData.Json);
        Assert.Equal("Zoë O'Brien-Müller, Jr. 2", visitor!.FullName);
        Assert.Equal("Smith, Jones and Co.", visitor.Company);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("+49 151 CALL ME")]
    [InlineData("015123456789")]
    public async Task Create_WithPhoneNumberThatCannotBeNormalised_Returns400WithPhoneError(string phoneNumber)
    {
        var response = await Data.Admin.PostAsJsonAsync("/api/visitors", new { fullName = "Vera Visitor", phoneNumber });

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.True(problem.Errors!.ContainsKey("phoneNumber"), "errors.phoneNumber is missing");
    }

    [Fact]
    public async Task List_WithSearch_MatchesNamePhoneAndCompanyCaseInsensitively()
    {
        var vera = await Data.VisitorAsync("Vera Visitor", "Acme GmbH");
        var otto = await Data.VisitorAsync("Otto Other", "Globex");
        var pia = await CreateVisitorAsync("Pia Phone", "+14155550123", company: null);

        Assert.Equal([vera.Id], await SearchAsync("vERA"));
        Assert.Equal([vera.Id], await SearchAsync("aCME"));
        Assert.Equal([otto.Id], await SearchAsync("GLOBEX"));
        Assert.Equal([pia.Id], await SearchAsync("4155550"));
        Assert.Equal([pia.Id], await SearchAsync("+14155550123"));
        Assert.Empty(await SearchAsync("nobody"));
    }

    [Fact]
    public async Task List_WithSearchHoldingLikeWildcards_TreatsThemLiterally()
    {
        await Data.VisitorAsync("Vera Visitor", "Acme");

        Assert.Empty(await SearchAsync("%"));
        Assert.Empty(await SearchAsync("_"));
    }

    [Fact]
    public async Task List_WithoutSearch_ReturnsEveryVisitorPaged()
    {
        await Data.VisitorAsync("Anna A");
        await Data.VisitorAsync("Bert B");
        await Data.VisitorAsync("Cleo C");

        var page = await Data.Admin.GetFromJsonAsync<Paged<VisitorBody>>("/api/visitors?page=2&pageSize=2", TestData.Json);

        Assert.Equal((2, 2, 3, 2), (page!.Page, page.PageSize, page.TotalCount, page.TotalPages));
        Assert.Single(page.Items);
    }

    [Fact]
    public async Task Get_WithKnownId_Returns200WithTheVisitor()
    {
        var visitor = await Data.VisitorAsync("Vera Visitor", "Acme");

        var response = await Data.Admin.GetAsync($"/api/visitors/{visitor.Id}");

        await TestData.Expect(response, HttpStatusCode.OK);
        Assert.Equal(visitor, await response.Content.ReadFromJsonAsync<VisitorBody>(TestData.Json));
    }

    [Fact]
    public async Task Get_WithUnknownId_Returns404()
    {
        var response = await Data.Admin.GetAsync($"/api/visitors/{Guid.CreateVersion7()}");

        await TestData.ExpectProblem(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Update_WithNewFields_Returns200AndStoresThem()
    {
        var visitor = await Data.VisitorAsync("Vera Visitor", "Acme");
        var (_, desk) = await Data.SignedInAsync("Receptionist");

        var response = await desk.PutAsJsonAsync($"/api/visitors/{visitor.Id}", new
        {
            fullName = "Vera Newname",
            phoneNumber = "+1 (415) 555-0123",
            email = "vera.new@example.com",
            company = "Initech",
        });

        await TestData.Expect(response, HttpStatusCode.OK);
        var updated = await response.Content.ReadFromJsonAsync<VisitorBody>(TestData.Json);
        Assert.Equal(
            visitor with { FullName = "Vera Newname", PhoneNumber = "+14155550123", Email = "vera.new@example.com", Company = "Initech" },
            updated);
        Assert.Equal(updated, await Data.Admin.GetFromJsonAsync<VisitorBody>($"/api/visitors/{visitor.Id}", TestData.Json));
    }

    [Fact]
    public async Task Update_WithoutOptionalFields_ClearsThem()
    {
        var created = await CreateVisitorAsync("Vera Visitor", TestData.PhoneNumber(), company: "Acme", email: "vera@example.com");

        var response = await Data.Admin.PutAsJsonAsync($"/api/visitors/{created.Id}", new { fullName = created.FullName, phoneNumber = created.PhoneNumber });

        await TestData.Expect(response, HttpStatusCode.OK);
        var updated = await response.Content.ReadFromJsonAsync<VisitorBody>(TestData.Json);
        Assert.Null(updated!.Email);
        Assert.Null(updated.Company);
    }

    [Fact]
    public async Task Update_WithAnotherVisitorsPhoneNumber_Returns409WithExistingId()
    {
        var other = await CreateVisitorAsync("Otto Other", "+4915123456789", company: null);
        var visitor = await Data.VisitorAsync("Vera Visitor");

        var response = await Data.Admin.PutAsJsonAsync($"/api/visitors/{visitor.Id}", new { fullName = "Vera Visitor", phoneNumber = "0049 151 2345 6789" });

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.Conflict);
        Assert.Equal(other.Id, problem.Extensions!["existingId"].GetGuid());
    }

    [Fact]
    public async Task Update_WithUnknownId_Returns404()
    {
        var response = await Data.Admin.PutAsJsonAsync($"/api/visitors/{Guid.CreateVersion7()}", new { fullName = "Vera Visitor", phoneNumber = TestData.PhoneNumber() });

        await TestData.ExpectProblem(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Block_WithReason_Returns200WithBlockedVisitor()
    {
        var visitor = await Data.VisitorAsync();

        var response = await Data.Admin.PostAsJsonAsync($"/api/visitors/{visitor.Id}/block", new { reason = "Threatened staff" });

        await TestData.Expect(response, HttpStatusCode.OK);
        var blocked = await response.Content.ReadFromJsonAsync<VisitorBody>(TestData.Json);
        Assert.Equal(visitor with { IsBlocked = true, BlockReason = "Threatened staff" }, blocked);
        Assert.Equal(blocked, await Data.Admin.GetFromJsonAsync<VisitorBody>($"/api/visitors/{visitor.Id}", TestData.Json));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"reason\":\"\"}")]
    [InlineData("{\"reason\":null}")]
    public async Task Block_WithoutReason_Returns400WithReasonErrorAndDoesNotBlock(string body)
    {
        var visitor = await Data.VisitorAsync();

        var response = await Data.Admin.PostAsync($"/api/visitors/{visitor.Id}/block", TestData.RawJson(body));

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.True(problem.Errors!.ContainsKey("reason"), "errors.reason is missing");
        Assert.False((await Data.Admin.GetFromJsonAsync<VisitorBody>($"/api/visitors/{visitor.Id}", TestData.Json))!.IsBlocked);
    }

    [Fact]
    public async Task Unblock_WhenBlocked_Returns200WithUnblockedVisitorAndNoReason()
    {
        var visitor = await Data.VisitorAsync();
        await TestData.Expect(await Data.Admin.PostAsJsonAsync($"/api/visitors/{visitor.Id}/block", new { reason = "Mistake" }), HttpStatusCode.OK);

        var response = await Data.Admin.PostAsync($"/api/visitors/{visitor.Id}/unblock", null);

        await TestData.Expect(response, HttpStatusCode.OK);
        var unblocked = await response.Content.ReadFromJsonAsync<VisitorBody>(TestData.Json);
        Assert.Equal(visitor, unblocked);
    }

    [Fact]
    public async Task Block_WithUnknownId_Returns404()
    {
        var response = await Data.Admin.PostAsJsonAsync($"/api/visitors/{Guid.CreateVersion7()}/block", new { reason = "Unknown" });

        await TestData.ExpectProblem(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Erase_AsAdmin_Returns204AndGetShowsEveryPersonalFieldNull()
    {
        var visitor = await CreateVisitorAsync("Vera Visitor", TestData.PhoneNumber(), company: "Acme", email: "vera@example.com");
        await TestData.Expect(await Data.Admin.PostAsJsonAsync($"/api/visitors/{visitor.Id}/block", new { reason = "Shouted at Vera" }), HttpStatusCode.OK);

        var response = await Data.Admin.DeleteAsync($"/api/visitors/{visitor.Id}");

        await TestData.Expect(response, HttpStatusCode.NoContent);
        var get = await Data.Admin.GetAsync($"/api/visitors/{visitor.Id}");
        await TestData.Expect(get, HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await get.Content.ReadAsStringAsync());
        var erased = json.RootElement;
        Assert.Equal(visitor.Id, erased.GetProperty("id").GetGuid());
        Assert.True(erased.GetProperty("isErased").GetBoolean());
        foreach (var field in new[] { "fullName", "phoneNumber", "email", "company", "blockReason" })
        {
            Assert.Equal(JsonValueKind.Null, erased.GetProperty(field).ValueKind);
        }

        Assert.False(erased.GetProperty("hasPhoto").GetBoolean());
        var raw = erased.GetRawText();
        Assert.DoesNotContain("Vera", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(visitor.PhoneNumber!, raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erase_WhenVisitorHadAVisit_LeavesTheVisitWithoutTheirPersonalData()
    {
        var host = await Data.UserAsync("Host");
        var visitor = await CreateVisitorAsync("Vera Visitor", TestData.PhoneNumber(), company: "Acme", email: null);
        var visit = await Data.ApprovedVisitAsync(host.Id, visitor.Id);
        await Data.TransitionAsync(visit.Id, "check-in");
        await Data.TransitionAsync(visit.Id, "check-out");

        var response = await Data.Admin.DeleteAsync($"/api/visitors/{visitor.Id}");

        await TestData.Expect(response, HttpStatusCode.NoContent);
        var after = await Data.Admin.GetFromJsonAsync<VisitBody>($"/api/visits/{visit.Id}", TestData.Json);
        Assert.Equal("CheckedOut", after!.Status);
        Assert.Equal(new VisitVisitorBody(visitor.Id, null, null, null), after.Visitor);
        Assert.Empty((await Data.Admin.GetFromJsonAsync<Paged<VisitorBody>>("/api/visitors?search=vera", TestData.Json))!.Items);
    }

    [Fact]
    public async Task Erase_WhileVisitorIsCheckedIn_Returns409AndKeepsTheData()
    {
        var host = await Data.UserAsync("Host");
        var visitor = await Data.VisitorAsync("Vera Visitor");
        var visit = await Data.ApprovedVisitAsync(host.Id, visitor.Id);
        await Data.TransitionAsync(visit.Id, "check-in");

        var response = await Data.Admin.DeleteAsync($"/api/visitors/{visitor.Id}");

        await TestData.ExpectProblem(response, HttpStatusCode.Conflict);
        var still = await Data.Admin.GetFromJsonAsync<VisitorBody>($"/api/visitors/{visitor.Id}", TestData.Json);
        Assert.False(still!.IsErased);
        Assert.Equal("Vera Visitor", still.FullName);
    }

    [Fact]
    public async Task Erase_WithUnknownId_Returns404()
    {
        var response = await Data.Admin.DeleteAsync($"/api/visitors/{Guid.CreateVersion7()}");

        await TestData.ExpectProblem(response, HttpStatusCode.NotFound);
    }

    private async Task<VisitorBody> CreateVisitorAsync(string fullName, string phoneNumber, string? company, string? email = null)
    {
        var response = await Data.Admin.PostAsJsonAsync("/api/visitors", new { fullName, phoneNumber, company, email });
        await TestData.Expect(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<VisitorBody>(TestData.Json))!;
    }

    private async Task<List<Guid>> SearchAsync(string search)
    {
        var page = await Data.Admin.GetFromJsonAsync<Paged<VisitorBody>>($"/api/visitors?search={Uri.EscapeDataString(search)}", TestData.Json);
        return [.. page!.Items.Select(v => v.Id)];
    }
}
