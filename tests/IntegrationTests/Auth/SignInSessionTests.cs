using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Auth;

/// <summary>The token life cycle of API.md's Auth section: refresh with rotation and theft detection, logout, a new password.</summary>
public sealed class SignInSessionTests(ApiFactory factory) : ApiTest(factory)
{
    private const string Password = "correct-horse-battery";

    [Fact]
    public async Task Login_AnswersAFifteenMinuteAccessTokenAndADayLongRefreshTokenStoredOnlyAsItsHash()
    {
        var user = await Data.UserAsync("Receptionist");
        var before = DateTimeOffset.UtcNow;

        var session = await LoginAsync(user.Email, Password);

        Assert.InRange(session.ExpiresAt, before.AddMinutes(15).AddSeconds(-5), DateTimeOffset.UtcNow.AddMinutes(15).AddSeconds(5));
        Assert.InRange(session.RefreshExpiresAt, before.AddHours(24).AddSeconds(-5), DateTimeOffset.UtcNow.AddHours(24).AddSeconds(5));
        Assert.Equal(0, await Factory.ScalarAsync<long>("SELECT count(*) FROM refresh_tokens WHERE token_hash = @v", ("v", session.RefreshToken)));
        Assert.Equal(1, await Factory.ScalarAsync<long>("SELECT count(*) FROM refresh_tokens WHERE token_hash = @v", ("v", Sha256(session.RefreshToken))));
    }

    [Fact]
    public async Task Refresh_WithAFreshToken_AnswersWorkingTokensAndSpendsTheOneSent()
    {
        var user = await Data.UserAsync("Receptionist");
        var first = await LoginAsync(user.Email, Password);

        var second = await RefreshAsync(first.RefreshToken);

        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.Equal(user.Id, second.User.Id);
        await TestData.Expect(await WithToken(second.AccessToken).GetAsync("/api/visitors"), HttpStatusCode.OK);
        await TestData.ExpectProblem(await PostRefreshAsync(first.RefreshToken), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Refresh_WithASpentTokenPresentedAgain_RevokesEveryTokenOfThatSignIn()
    {
        var user = await Data.UserAsync("Receptionist");
        var stolen = await LoginAsync(user.Email, Password);
        var legitimate = await RefreshAsync(stolen.RefreshToken);
        var otherSignIn = await LoginAsync(user.Email, Password);

        await TestData.ExpectProblem(await PostRefreshAsync(stolen.RefreshToken), HttpStatusCode.Unauthorized);

        // The successor is revoked too (whoever holds it may be the thief); another sign-in of the user is not.
        await TestData.ExpectProblem(await PostRefreshAsync(legitimate.RefreshToken), HttpStatusCode.Unauthorized);
        await RefreshAsync(otherSignIn.RefreshToken);
    }

    [Fact]
    public async Task Refresh_WithAnExpiredToken_Returns401()
    {
        var user = await Data.UserAsync("Receptionist");
        var session = await LoginAsync(user.Email, Password);
        Assert.Equal(user.Id, await Factory.ScalarAsync<Guid>(
            "UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = @v RETURNING user_id", ("v", Sha256(session.RefreshToken))));

        await TestData.ExpectProblem(await PostRefreshAsync(session.RefreshToken), HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("not-a-token", HttpStatusCode.Unauthorized)]
    [InlineData("", HttpStatusCode.BadRequest)]
    public async Task Refresh_WithSomethingThatIsNoToken_IsRefused(string value, HttpStatusCode expected)
    {
        await TestData.ExpectProblem(await PostRefreshAsync(value), expected);
    }

    [Fact]
    public async Task Refresh_AfterTheUserWasDeactivated_Returns401()
    {
        var user = await Data.UserAsync("Receptionist");
        var session = await LoginAsync(user.Email, Password);
        await TestData.Expect(await Data.Admin.PatchAsJsonAsync($"/api/users/{user.Id}", new { isActive = false }), HttpStatusCode.OK);

        await TestData.ExpectProblem(await PostRefreshAsync(session.RefreshToken), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Refresh_AfterARoleChange_Returns401()
    {
        var user = await Data.UserAsync("Admin");
        var session = await LoginAsync(user.Email, Password);
        await TestData.Expect(await Data.Admin.PatchAsJsonAsync($"/api/users/{user.Id}", new { role = "Host" }), HttpStatusCode.OK);

        await TestData.ExpectProblem(await PostRefreshAsync(session.RefreshToken), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Logout_RevokesThatSignInOnly()
    {
        var user = await Data.UserAsync("Receptionist");
        var session = await LoginAsync(user.Email, Password);
        var other = await LoginAsync(user.Email, Password);

        var response = await WithToken(session.AccessToken).PostAsJsonAsync("/api/auth/logout", new { refreshToken = session.RefreshToken });

        await TestData.Expect(response, HttpStatusCode.NoContent);
        await TestData.ExpectProblem(await PostRefreshAsync(session.RefreshToken), HttpStatusCode.Unauthorized);
        await RefreshAsync(other.RefreshToken);
    }

    [Fact]
    public async Task Logout_WithAnotherUsersRefreshToken_Answers204AndChangesNothing()
    {
        var mallory = await Data.UserAsync("Receptionist");
        var victim = await Data.UserAsync("Receptionist");
        var malloryToken = (await LoginAsync(mallory.Email, Password)).AccessToken;
        var victimSession = await LoginAsync(victim.Email, Password);

        var response = await WithToken(malloryToken).PostAsJsonAsync("/api/auth/logout", new { refreshToken = victimSession.RefreshToken });

        await TestData.Expect(response, HttpStatusCode.NoContent);
        await RefreshAsync(victimSession.RefreshToken);
    }

    [Fact]
    public async Task Logout_WithoutAccessToken_Returns401()
    {
        var response = await Data.Anonymous.PostAsJsonAsync("/api/auth/logout", new { refreshToken = "x" });

        await TestData.ExpectProblem(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ChangePassword_EndsEveryOtherSignInAndThisOneGoesOnThroughItsRefreshToken()
    {
        var user = await Data.UserAsync("Receptionist");
        var mine = await LoginAsync(user.Email, Password);
        var other = await LoginAsync(user.Email, Password);

        var response = await WithToken(mine.AccessToken).PostAsJsonAsync("/api/auth/password",
            new { currentPassword = Password, newPassword = "a brand new passphrase" });

        await TestData.Expect(response, HttpStatusCode.NoContent);
        // Every access token issued before stops working, this one's included...
        await TestData.ExpectProblem(await WithToken(mine.AccessToken).GetAsync("/api/visitors"), HttpStatusCode.Unauthorized);
        await TestData.ExpectProblem(await WithToken(other.AccessToken).GetAsync("/api/visitors"), HttpStatusCode.Unauthorized);
        // ...the other sign-in is over, and this one refreshes and goes on.
        await TestData.ExpectProblem(await PostRefreshAsync(other.RefreshToken), HttpStatusCode.Unauthorized);
        var renewed = await RefreshAsync(mine.RefreshToken);
        await TestData.Expect(await WithToken(renewed.AccessToken).GetAsync("/api/visitors"), HttpStatusCode.OK);
        await LoginAsync(user.Email, "a brand new passphrase");
        await TestData.ExpectProblem(await PostLoginAsync(user.Email, Password), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ChangePassword_WithAWrongCurrentPassword_Returns400AndChangesNothing()
    {
        var user = await Data.UserAsync("Receptionist");
        var session = await LoginAsync(user.Email, Password);

        var response = await WithToken(session.AccessToken).PostAsJsonAsync("/api/auth/password",
            new { currentPassword = "not my password at all", newPassword = "a brand new passphrase" });

        var problem = await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.NotNull(problem.Errors);
        Assert.True(problem.Errors!.ContainsKey("currentPassword"));
        await TestData.Expect(await WithToken(session.AccessToken).GetAsync("/api/visitors"), HttpStatusCode.OK);
        await LoginAsync(user.Email, Password);
    }

    [Fact]
    public async Task ChangePassword_ToAShortOne_Returns400()
    {
        var user = await Data.UserAsync("Receptionist");
        var session = await LoginAsync(user.Email, Password);

        var response = await WithToken(session.AccessToken).PostAsJsonAsync("/api/auth/password", new { currentPassword = Password, newPassword = "short" });

        await TestData.ExpectProblem(response, HttpStatusCode.BadRequest);
    }

    private sealed record SessionBody(string AccessToken, string TokenType, DateTimeOffset ExpiresAt, string RefreshToken, DateTimeOffset RefreshExpiresAt, UserRef User);

    private sealed record UserRef(Guid Id, string Email, string FullName, string Role);

    private static string Sha256(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private HttpClient WithToken(string accessToken)
    {
        var client = Data.Anonymous;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    private Task<HttpResponseMessage> PostLoginAsync(string email, string password) =>
        Data.Anonymous.PostAsJsonAsync("/api/auth/login", new { email, password });

    private async Task<SessionBody> LoginAsync(string email, string password)
    {
        var response = await PostLoginAsync(email, password);
        await TestData.Expect(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<SessionBody>(TestData.Json))!;
    }

    private Task<HttpResponseMessage> PostRefreshAsync(string refreshToken) =>
        Data.Anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken });

    private async Task<SessionBody> RefreshAsync(string refreshToken)
    {
        var response = await PostRefreshAsync(refreshToken);
        await TestData.Expect(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<SessionBody>(TestData.Json))!;
    }
}
