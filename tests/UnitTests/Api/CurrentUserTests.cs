using System.Security.Claims;
using CleanVisitors.Api.Http;
using CleanVisitors.Api.Security;
using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Domain.Users;
using Microsoft.AspNetCore.Http;

namespace CleanVisitors.UnitTests.Api;

/// <summary>The caller the use cases see: a user from the access token, the system (a marked scope, the cron trigger), or nobody.</summary>
public sealed class CurrentUserTests
{
    [Fact]
    public void AUserSignedInWithAnAccessToken_IsThatUser_AndNotTheSystem()
    {
        var id = Guid.CreateVersion7();
        var user = Current(new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", id.ToString()), new Claim("role", "Host")], "Bearer")));

        Assert.Equal(id, user.Id);
        Assert.Equal(UserRole.Host, user.Role);
        Assert.False(user.IsSystem);
    }

    [Fact]
    public void TheSchedulerSignedInWithTheCronSecret_IsTheSystem_AndNoUser()
    {
        var user = Current(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "cron")], CronSecretAuthentication.Scheme)));

        Assert.True(user.IsSystem);
        Assert.Null(user.Id);
        Assert.Null(user.Role);
    }

    [Fact]
    public void AScopeMarkedAsTheSystems_IsTheSystem()
    {
        var system = new SystemCaller();
        system.Enter();

        var user = new CurrentUser(new HttpContextAccessor(), system);

        Assert.True(user.IsSystem);
        Assert.Null(user.Id);
    }

    [Fact]
    public void AnUnmarkedScopeWithoutARequest_IsNobody()
    {
        var user = new CurrentUser(new HttpContextAccessor(), new SystemCaller());

        Assert.False(user.IsSystem);
        Assert.Null(user.Id);
    }

    [Fact]
    public void AnAnonymousRequest_IsNobody() =>
        Assert.False(Current(new ClaimsPrincipal(new ClaimsIdentity())).IsSystem);

    private static CurrentUser Current(ClaimsPrincipal principal) =>
        new(new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = principal } }, new SystemCaller());
}
