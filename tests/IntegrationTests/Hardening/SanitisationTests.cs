using System.Net;
using System.Net.Http.Json;
using System.Text;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Hardening;

public sealed class SanitisationTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Strings_AreTrimmedAndNormalisedToNfc()
    {
        const string decomposed = "  Rene\u0301 Dupont \t";
        Assert.False(decomposed.IsNormalized(NormalizationForm.FormC));

        var created = await CreateVisitorAsync(new { fullName = decomposed, phoneNumber = TestData.PhoneNumber(), company = " Cafe\u0301 Ltd " });

        var stored = await Data.Admin.GetFromJsonAsync<VisitorBody>($"/api/visitors/{created.Id}", TestData.Json);
        Assert.Equal("Ren\u00e9 Dupont", stored!.FullName);
        Assert.Equal("Caf\u00e9 Ltd", stored.Company);
    }

    [Fact]
    public async Task ControlCharacters_AreRemovedFromNames()
    {
        var created = await CreateVisitorAsync(new { fullName = "Anna\u0007 Be\u0001ll\u001b", phoneNumber = TestData.PhoneNumber() });

        var stored = await Data.Admin.GetFromJsonAsync<VisitorBody>($"/api/visitors/{created.Id}", TestData.Json);
        Assert.Equal("Anna Bell", stored!.FullName);
        Assert.DoesNotContain(stored.FullName!, char.IsControl);
    }

    [Fact]
    public async Task Newlines_AreKeptInVisitNotes()
    {
        var host = await Data.UserAsync("Host");
        var visitor = await Data.VisitorAsync();

        var response = await Data.Admin.PostAsJsonAsync("/api/visits", new
        {
            visitorId = visitor.Id,
            hostId = host.Id,
            purpose = "Delivery",
            notes = "  Parking at gate 2\r\nBring ID\u0007\n\tand the badge  ",
        });

        await TestData.Expect(response, HttpStatusCode.Created);
        var created = await response.Content.ReadFromJsonAsync<VisitBody>(TestData.Json);
        var stored = await Data.Admin.GetFromJsonAsync<VisitBody>($"/api/visits/{created!.Id}", TestData.Json);
        Assert.Equal("Parking at gate 2\nBring ID\n\tand the badge", stored!.Notes);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Mallory <mallory@example.com>")]
    [InlineData("a > b")]
    public async Task Names_WithMarkup_AreRefusedWith400(string fullName)
    {
        var response = await Data.Admin.PostAsJsonAsync("/api/visitors", new { fullName, phoneNumber = TestData.PhoneNumber() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemBody>(TestData.Json);
        Assert.Contains("fullName", problem!.Errors!.Keys);
    }

    [Fact]
    public async Task PrototypeKeys_AreRefusedWith400()
    {
        var body = $$$"""{"fullName":"Pia Proto","phoneNumber":"{{{TestData.PhoneNumber()}}}","__proto__":{"isAdmin":true}}""";

        var response = await Data.Admin.PostAsync("/api/visitors", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemBody>(TestData.Json);
        Assert.Contains("__proto__", problem!.Errors!.Keys);
    }

    private async Task<VisitorBody> CreateVisitorAsync(object request)
    {
        var response = await Data.Admin.PostAsJsonAsync("/api/visitors", request);
        await TestData.Expect(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<VisitorBody>(TestData.Json))!;
    }
}
