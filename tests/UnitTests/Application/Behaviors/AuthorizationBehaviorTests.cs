using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Behaviors;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Users;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using NSubstitute;

namespace CleanVisitors.UnitTests.Application.Behaviors;

[Authorize(Roles = Roles.AdminOrReceptionist)]
public sealed record FrontDeskQuery : IQuery<Result<int>>;

[Authorize]
public sealed record SignedInQuery : IQuery<Result<int>>;

[AllowAnonymous]
public sealed record PublicCommand : ICommand<Result<int>>;

[SystemOperation]
public sealed record HousekeepingCommand : ICommand<Result>;

public sealed record UndeclaredCommand : ICommand<Result<int>>;

[Authorize(Roles = "Admin,Janitor")]
public sealed record UnknownRoleQuery : IQuery<Result<int>>;

/// <summary>
/// The request says who may send it; the behavior holds every caller to that (an HTTP request, a consumer, a job), and
/// answers a refusal as the failed result the edge turns into the usual 401 or 403 problem.
/// </summary>
public sealed class AuthorizationBehaviorTests
{
    private static readonly Result<int> Answer = Result<int>.Success(42);

    public static TheoryData<string> Everyone => ["nobody", "system", "Admin", "Receptionist", "Host"];

    [Theory]
    [InlineData("Admin")]
    [InlineData("Receptionist")]
    public async Task Handle_AUserOfANamedRole_IsLetThrough(string caller)
    {
        var (result, next) = await SendAsync(new FrontDeskQuery(), caller, Answer);

        Assert.Equal(42, result.Value);
        await next.Received(1).Invoke(Arg.Any<FrontDeskQuery>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_AUserOfAnotherRole_IsForbidden_AndTheHandlerDoesNotRun()
    {
        var (result, next) = await SendAsync(new FrontDeskQuery(), "Host", Answer);

        Assert.True(result.IsFailure);
        Assert.Same(AuthorizationErrors.Forbidden, result.Error);
        Assert.Equal(ErrorType.Forbidden, result.Error.Type);
        Assert.Equal("auth.forbidden", result.Error.Code);
        await next.DidNotReceiveWithAnyArgs().Invoke(default!, default);
    }

    [Theory]
    [InlineData("nobody")]
    [InlineData("system")]
    public async Task Handle_NoUser_IsUnauthenticated_ForAUsersRequest(string caller)
    {
        var (named, next) = await SendAsync(new FrontDeskQuery(), caller, Answer);
        var (any, _) = await SendAsync(new SignedInQuery(), caller, Answer);

        Assert.True(named.IsFailure);
        Assert.Same(AuthorizationErrors.Unauthenticated, named.Error);
        Assert.Equal(ErrorType.Unauthorized, named.Error.Type);
        Assert.Equal("auth.unauthenticated", named.Error.Code);
        Assert.Same(AuthorizationErrors.Unauthenticated, any.Error);
        await next.DidNotReceiveWithAnyArgs().Invoke(default!, default);
    }

    [Theory]
    [InlineData("Admin")]
    [InlineData("Receptionist")]
    [InlineData("Host")]
    public async Task Handle_ARequestForAnySignedInUser_LetsEveryRoleThrough(string caller) =>
        Assert.True((await SendAsync(new SignedInQuery(), caller, Answer)).Result.IsSuccess);

    [Theory]
    [MemberData(nameof(Everyone))]
    public async Task Handle_AnAnonymousRequest_LetsEveryCallerThrough(string caller) =>
        Assert.True((await SendAsync(new PublicCommand(), caller, Answer)).Result.IsSuccess);

    [Fact]
    public async Task Handle_ASystemOperation_LetsTheSystemThrough() =>
        Assert.True((await SendAsync(new HousekeepingCommand(), "system", Result.Success())).Result.IsSuccess);

    [Theory]
    [InlineData("Admin", ErrorType.Forbidden)]
    [InlineData("Receptionist", ErrorType.Forbidden)]
    [InlineData("Host", ErrorType.Forbidden)]
    [InlineData("nobody", ErrorType.Unauthorized)]
    public async Task Handle_ASystemOperation_RefusesEveryoneElse_WhateverTheRole(string caller, ErrorType refusal)
    {
        var (result, next) = await SendAsync(new HousekeepingCommand(), caller, Result.Success());

        Assert.Equal(refusal, result.Error?.Type);
        await next.DidNotReceiveWithAnyArgs().Invoke(default!, default);
    }

    [Fact]
    public async Task Handle_TheSystemSendingAUsersRequest_IsLoggedAsAWarning()
    {
        var logger = new FakeLogger<AuthorizationBehavior<FrontDeskQuery, Result<int>>>();
        var behavior = new AuthorizationBehavior<FrontDeskQuery, Result<int>>(Caller("system"), logger);

        var result = await behavior.Handle(new FrontDeskQuery(), Next<FrontDeskQuery, Result<int>>(Answer), CancellationToken.None);

        Assert.True(result.IsFailure);
        var warning = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains(nameof(FrontDeskQuery), warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_ASystemOperationSentOutsideASystemScope_IsLoggedAsAWarning()
    {
        var logger = new FakeLogger<AuthorizationBehavior<HousekeepingCommand, Result>>();
        var behavior = new AuthorizationBehavior<HousekeepingCommand, Result>(Caller("nobody"), logger);

        await behavior.Handle(new HousekeepingCommand(), Next<HousekeepingCommand, Result>(Result.Success()), CancellationToken.None);

        Assert.Equal(LogLevel.Warning, Assert.Single(logger.Collector.GetSnapshot()).Level);
    }

    [Fact]
    public async Task Handle_AUserOfAnotherRole_IsNoWiringMistake_AndNotLogged()
    {
        var logger = new FakeLogger<AuthorizationBehavior<FrontDeskQuery, Result<int>>>();
        var behavior = new AuthorizationBehavior<FrontDeskQuery, Result<int>>(Caller("Host"), logger);

        await behavior.Handle(new FrontDeskQuery(), Next<FrontDeskQuery, Result<int>>(Answer), CancellationToken.None);

        Assert.Empty(logger.Collector.GetSnapshot());
    }

    [Theory]
    [MemberData(nameof(Everyone))]
    public async Task Handle_ARequestThatSaysNothingAboutItsCallers_FailsForEveryCaller_AndTheHandlerDoesNotRun(string caller)
    {
        var next = Next<UndeclaredCommand, Result<int>>(Answer);
        var behavior = new AuthorizationBehavior<UndeclaredCommand, Result<int>>(Caller(caller), new FakeLogger<AuthorizationBehavior<UndeclaredCommand, Result<int>>>());

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(async () => await behavior.Handle(new UndeclaredCommand(), next, CancellationToken.None));

        Assert.Contains("[SystemOperation]", thrown.Message, StringComparison.Ordinal);
        await next.DidNotReceiveWithAnyArgs().Invoke(default!, default);
    }

    [Fact]
    public void RequestAccess_OfARoleThatDoesNotExist_Throws() =>
        Assert.Contains("Janitor", Assert.Throws<InvalidOperationException>(() => RequestAccess.Of(typeof(UnknownRoleQuery))).Message, StringComparison.Ordinal);

    private static async Task<(TResponse Result, MessageHandlerDelegate<TMessage, TResponse> Next)> SendAsync<TMessage, TResponse>(
        TMessage message, string caller, TResponse answer)
        where TMessage : IMessage
    {
        var next = Next<TMessage, TResponse>(answer);
        var behavior = new AuthorizationBehavior<TMessage, TResponse>(Caller(caller), new FakeLogger<AuthorizationBehavior<TMessage, TResponse>>());
        return (await behavior.Handle(message, next, CancellationToken.None), next);
    }

    private static MessageHandlerDelegate<TMessage, TResponse> Next<TMessage, TResponse>(TResponse answer)
        where TMessage : IMessage
    {
        var next = Substitute.For<MessageHandlerDelegate<TMessage, TResponse>>();
        next.Invoke(Arg.Any<TMessage>(), Arg.Any<CancellationToken>()).Returns(new ValueTask<TResponse>(answer));
        return next;
    }

    /// <summary>"nobody" (no token), "system" (a consumer, the scheduler, the cron trigger) or a signed-in user of a role.</summary>
    private static ICurrentUser Caller(string caller)
    {
        var user = Substitute.For<ICurrentUser>();
        if (caller == "system")
        {
            user.IsSystem.Returns(true);
        }
        else if (caller != "nobody")
        {
            user.Id.Returns(Guid.CreateVersion7());
            user.Role.Returns(Enum.Parse<UserRole>(caller));
        }

        return user;
    }
}
