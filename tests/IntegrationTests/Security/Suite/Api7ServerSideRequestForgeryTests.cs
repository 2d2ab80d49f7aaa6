using System.Net;
using System.Net.Http.Json;
using System.Text;
using CleanVisitors.IntegrationTests.Infrastructure;
using WireMock.Server;

namespace CleanVisitors.IntegrationTests.Security.Suite;

/// <summary>
/// API7:2023 Server Side Request Forgery: nothing a client sends makes the service call out. The service calls only
/// the hosts its operator configured (MassTransit's usage telemetry is off: Security/NoCallsHomeTests; the outbound
/// clients follow no redirect: <see cref="Api10UnsafeConsumptionTests"/>).
/// </summary>
public sealed class Api7ServerSideRequestForgeryTests(SecuritySuiteFactory factory) : SecurityTest(factory), IDisposable
{
    private readonly WireMockServer _target = WireMockServer.Start();

    [Fact]
    public async Task UrlsInEveryTextField_AreStoredAsTextAndNeverFetched()
    {
        var url = _target.Url + "/latest/meta-data/";
        var host = await Data.UserAsync("Host");
        var visitor = await Data.VisitorAsync();
        // Names and companies hold letters, digits and a few marks only (400 for a URL); the free text takes one.
        Assert.Equal(HttpStatusCode.BadRequest, await StatusOf(Data.Admin.PostAsJsonAsync("/api/visitors", new { fullName = url, phoneNumber = TestData.PhoneNumber() })));
        var visit = await Data.Admin.PostAsJsonAsync("/api/visits", new { visitorId = visitor.Id, hostId = host.Id, purpose = url, notes = url });
        await TestData.Expect(visit, HttpStatusCode.Created);

        // A photo "by reference" is not a photo: refused by content, not fetched.
        using var form = Photos.PhotoBytes.Form(Encoding.UTF8.GetBytes(url), "photo.jpg", "image/jpeg");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, await StatusOf(Data.Admin.PutAsync($"/api/visitors/{visitor.Id}/photo", form)));
        await TestData.Expect(await Data.Admin.GetAsync("/api/visits/export"), HttpStatusCode.OK);
        await TestData.Expect(await Data.Admin.GetAsync($"/api/visitors?search={Uri.EscapeDataString(url)}"), HttpStatusCode.OK);

        Assert.Empty(_target.LogEntries);
    }

    public void Dispose() => _target.Stop();
}
