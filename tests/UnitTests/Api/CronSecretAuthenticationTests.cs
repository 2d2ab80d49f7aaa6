using System.Text.Json;
using CleanVisitors.Api.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanVisitors.UnitTests.Api;

/// <summary>
/// The cron secret as an authentication scheme: the scheduler that presents it is signed in under the scheme, anyone
/// else is challenged with the 401 the cron endpoint has always answered.
/// </summary>
public sealed class CronSecretAuthenticationTests
{
    private const string Secret = "a-cron-secret-of-some-length-123";

    [Theory]
    [InlineData("Bearer " + Secret)]
    [InlineData("bearer  " + Secret + " ")]
    public async Task Authenticate_WithTheSecret_SignsInTheSchedulerUnderTheScheme(string header)
    {
        var context = Context(Secret, header);

        var result = await context.AuthenticateAsync(CronSecretAuthentication.Scheme);

        Assert.True(result.Succeeded);
        Assert.Equal(CronSecretAuthentication.Scheme, result.Principal!.Identity!.AuthenticationType);
        Assert.True(result.Principal.Identity.IsAuthenticated);
    }

    [Theory]
    [InlineData(Secret, null)]
    [InlineData(Secret, "Bearer wrong-secret")]
    [InlineData(Secret, "Basic " + Secret)]
    [InlineData(Secret, "Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl")]
    [InlineData(null, "Bearer ")]
    [InlineData("", "Bearer ")]
    public async Task Authenticate_WithoutTheSecret_SignsInNobody(string? configured, string? header)
    {
        var result = await Context(configured, header).AuthenticateAsync(CronSecretAuthentication.Scheme);

        Assert.False(result.Succeeded);
        Assert.Null(result.Principal);
    }

    [Fact]
    public async Task Challenge_Answers401WithBearerAndTheCronProblem()
    {
        var context = Context(Secret, "Bearer wrong-secret");

        await context.ChallengeAsync(CronSecretAuthentication.Scheme);

        Assert.Equal(StatusCodes.Status401Unauthorized, context.Response.StatusCode);
        Assert.Equal("Bearer", context.Response.Headers.WWWAuthenticate.ToString());
        Assert.StartsWith("application/problem+json", context.Response.ContentType, StringComparison.Ordinal);
        context.Response.Body.Position = 0;
        using var problem = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Equal("cron.unauthorized", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal(401, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("Send the cron secret: Authorization: Bearer <CRON_SECRET>.", problem.RootElement.GetProperty("detail").GetString());
        Assert.Equal("/api/cron/tick", problem.RootElement.GetProperty("instance").GetString());
    }

    private static DefaultHttpContext Context(string? configured, string? header)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddControllers();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c => c.ProblemDetails.Instance ??= c.HttpContext.Request.Path);
        services.AddSingleton(Options.Create(new SecurityOptions { CronSecret = configured }));
        services.AddAuthentication().AddCronSecret();
        var context = new DefaultHttpContext { RequestServices = services.BuildServiceProvider() };
        context.Request.Path = "/api/cron/tick";
        context.Response.Body = new MemoryStream();
        if (header is not null)
        {
            context.Request.Headers.Authorization = header;
        }

        return context;
    }
}
