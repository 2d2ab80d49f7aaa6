using CleanVisitors.Application;
using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Behaviors;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Models;
using CleanVisitors.Application.Users;
using CleanVisitors.Application.Users.Queries.ListUsers;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Users;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace CleanVisitors.UnitTests.Application.Behaviors;

/// <summary>The mediator as <c>AddApplication</c> wires it: the behaviors in their order, authorization before validation.</summary>
public sealed class ApplicationPipelineTests
{
    [Fact]
    public void Behaviors_RunInOrder_LoggingAuthorizationValidationTiming()
    {
        using var provider = Services(Caller(UserRole.Admin)).BuildServiceProvider();
        using var scope = provider.CreateScope();

        var behaviors = scope.ServiceProvider.GetServices<IPipelineBehavior<ListUsersQuery, Result<PagedList<UserDto>>>>().Select(b => b.GetType().GetGenericTypeDefinition());

        Assert.Equal([typeof(LoggingBehavior<,>), typeof(AuthorizationBehavior<,>), typeof(ValidationBehavior<,>), typeof(PerformanceBehavior<,>)], behaviors);
    }

    [Fact]
    public async Task Send_ARequestTheCallersRoleMayNotSend_IsForbiddenBeforeItIsValidatedOrHandled()
    {
        var db = Substitute.For<IApplicationDbContext>();
        var services = Services(Caller(UserRole.Host));
        services.AddScoped(_ => db);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();

        // Admin only, and page 0 is invalid: the refusal comes first, and no query reaches the database.
        var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ListUsersQuery(null, null, 0, 20, null));

        Assert.True(result.IsFailure);
        Assert.Same(AuthorizationErrors.Forbidden, result.Error);
        Assert.Empty(db.ReceivedCalls());
    }

    private static ServiceCollection Services(ICurrentUser caller)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        services.AddApplication();
        services.AddScoped(_ => caller);
        return services;
    }

    private static ICurrentUser Caller(UserRole role)
    {
        var user = Substitute.For<ICurrentUser>();
        user.Id.Returns(Guid.CreateVersion7());
        user.Role.Returns(role);
        return user;
    }
}
