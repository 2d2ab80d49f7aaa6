using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CleanVisitors.Infrastructure.Identity;
using CleanVisitors.IntegrationTests.Infrastructure;
using CleanVisitors.IntegrationTests.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CleanVisitors.IntegrationTests.Auth;

/// <summary>
/// Tokens follow the user (API.md, Auth): an access token issued before a user was deactivated, changed role or changed
/// password stops working, at once on the instance that made the change and within 5 s on the others (ADR 006).
/// </summary>
public sealed class TokensFollowTheUserTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task DeactivatedAdmin_WithTokenIssuedBefore_CanNoLongerActAtAll()
    {
        var (admin, client) = await Data.SignedInAsync("Admin");
        await TestData.Expect(await client.GetAsync("/api/users"), HttpStatusCode.OK);

        await PatchAsync(admin.Id, new { isActive = false });

        // What the attack run did with such a token: create a new Admin, re-activate itself.
        await TestData.ExpectProblem(await client.GetAsync("/api/users"), HttpStatusCode.Unauthorized);
        var created = await client.PostAsJsonAsync("/api/users", new { email = "mallory@cleanvisitors.test", fullName = "Mallory", role = "Admin", password = "correct-horse-battery" });
        await TestData.ExpectProblem(created, HttpStatusCode.Unauthorized);
        await TestData.ExpectProblem(await client.PatchAsJsonAsync($"/api/users/{admin.Id}", new { isActive = true }), HttpStatusCode.Unauthorized);
        Assert.Equal(0, await Factory.ScalarAsync<long>("SELECT count(*) FROM users WHERE email = 'mallory@cleanvisitors.test'"));
        Assert.Equal(0, await Factory.ScalarAsync<long>("SELECT count(*) FROM users WHERE id = @id AND is_active", ("id", admin.Id)));
    }

    [Fact]
    public async Task AdminDemotedToHost_WithTokenIssuedBefore_Gets401OnAdminEndpoints()
    {
        var (admin, client) = await Data.SignedInAsync("Admin");
        await TestData.Expect(await client.GetAsync("/api/audit-logs"), HttpStatusCode.OK);

        await PatchAsync(admin.Id, new { role = "Host" });

        await TestData.ExpectProblem(await client.GetAsync("/api/users"), HttpStatusCode.Unauthorized);
        await TestData.ExpectProblem(await client.GetAsync("/api/audit-logs"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task DeactivatedReceptionist_CreatingAVisitor_Gets401AndNothingIsWritten()
    {
        var (receptionist, client) = await Data.SignedInAsync("Receptionist");

        await PatchAsync(receptionist.Id, new { isActive = false });

        var response = await client.PostAsJsonAsync("/api/visitors", new { fullName = "Vera Visitor", phoneNumber = TestData.PhoneNumber() });
        await TestData.ExpectProblem(response, HttpStatusCode.Unauthorized);
        Assert.Equal(0, await Factory.ScalarAsync<long>("SELECT count(*) FROM visitors"));
    }

    [Fact]
    public async Task ReactivatedUser_TokenFromBeforeTheDeactivation_StaysRefusedAndANewLoginWorks()
    {
        var (receptionist, client) = await Data.SignedInAsync("Receptionist");
        await PatchAsync(receptionist.Id, new { isActive = false });
        await PatchAsync(receptionist.Id, new { isActive = true });

        await TestData.ExpectProblem(await client.GetAsync("/api/visitors"), HttpStatusCode.Unauthorized);
        using var fresh = await Factory.ClientForAsync(receptionist.Email, "correct-horse-battery");
        await TestData.Expect(await fresh.GetAsync("/api/visitors"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task UserDeactivatedThroughOneInstance_TokenRefusedByAnotherInstance()
    {
        await using var peer = new PeerApiFactory(Factory);
        await peer.InitializeAsync();
        var (receptionist, client) = await Data.SignedInAsync("Receptionist");
        using var throughPeer = peer.CreateClient();
        throughPeer.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
        // The peer has read the user's state: it now serves it from its cache.
        await TestData.Expect(await throughPeer.GetAsync("/api/visitors"), HttpStatusCode.OK);

        await PatchAsync(receptionist.Id, new { isActive = false });

        // No message tells the peer: its cached state expires (at most 5 s; the bound itself is proven below with a fake clock).
        await Eventually.UntilAsync(async () => (await throughPeer.GetAsync("/api/visitors")).StatusCode, status => status == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(30), status => $"the other instance still answers {(int)status}");
    }

    [Fact]
    public async Task UserStates_ChangeMadeElsewhere_IsSeenOnceTheCachedStateIsFiveSecondsOld()
    {
        var (receptionist, _) = await Data.SignedInAsync("Receptionist");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var states = new UserStates(Factory.Services.GetRequiredService<IServiceScopeFactory>(), clock);
        Assert.True((await states.GetAsync(receptionist.Id, CancellationToken.None))!.IsActive);

        // Another instance deactivates the user: nothing here hears of it.
        Assert.Equal(receptionist.Id, await Factory.ScalarAsync<Guid>(
            "UPDATE users SET is_active = false, security_stamp = gen_random_uuid() WHERE id = @id RETURNING id", ("id", receptionist.Id)));

        clock.Advance(UserStates.MaxAge - TimeSpan.FromMilliseconds(1));
        Assert.True((await states.GetAsync(receptionist.Id, CancellationToken.None))!.IsActive);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False((await states.GetAsync(receptionist.Id, CancellationToken.None))!.IsActive);
        Assert.Equal(TimeSpan.FromSeconds(5), UserStates.MaxAge);
    }

    [Fact]
    public async Task Token_SignedRightButWithASubjectThatIsNotAUuid_Returns401()
    {
        var token = TestTokens.Create(Guid.Empty, "Admin", Guid.NewGuid(), d => d.Subject = new System.Security.Claims.ClaimsIdentity(
        [
            new System.Security.Claims.Claim("sub", "admin"),
            new System.Security.Claims.Claim("role", "Admin"),
            new System.Security.Claims.Claim("stamp", Guid.NewGuid().ToString("N")),
        ]));

        await TestData.ExpectProblem(await GetWithAsync(token, "/api/users"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Token_WithTheWrongStamp_Returns401()
    {
        var (receptionist, _) = await Data.SignedInAsync("Receptionist");

        var response = await GetWithAsync(TestTokens.Create(receptionist.Id, "Receptionist", Guid.NewGuid()), "/api/visitors");

        await TestData.ExpectProblem(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Token_ClaimingARoleTheUserDoesNotHave_Returns401()
    {
        var (host, _) = await Data.SignedInAsync("Host");
        var stamp = await Factory.ScalarAsync<Guid>("SELECT security_stamp FROM users WHERE id = @id", ("id", host.Id));

        var response = await GetWithAsync(TestTokens.Create(host.Id, "Admin", stamp), "/api/users");

        await TestData.ExpectProblem(response, HttpStatusCode.Unauthorized);
    }

    private async Task PatchAsync(Guid userId, object change) =>
        await TestData.Expect(await Data.Admin.PatchAsJsonAsync($"/api/users/{userId}", change), HttpStatusCode.OK);

    private async Task<HttpResponseMessage> GetWithAsync(string token, string path)
    {
        using var client = Data.Anonymous;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync(path);
    }
}
