using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using Mediator;
using Microsoft.Extensions.Logging;

namespace CleanVisitors.Application.Common.Behaviors;

/// <summary>
/// Lets a request through only when its caller may send it (<see cref="RequestAccess"/>: the request's
/// <see cref="AuthorizeAttribute"/>, <see cref="AllowAnonymousAttribute"/> or <see cref="SystemOperationAttribute"/>),
/// whoever sends it: a controller, a message consumer, a job. A refused request never reaches validation or its handler;
/// it answers a failed result, the same 401 (<see cref="AuthorizationErrors.Unauthenticated"/>) or 403
/// (<see cref="AuthorizationErrors.Forbidden"/>) as the HTTP pipeline's own. A refusal that involves the system is a
/// wiring mistake, never a user's doing, and is logged as a Warning: a consumer or job sent a user's request, or a
/// system operation was sent from a scope not marked as the system's. A request that declares nothing fails with an
/// exception: the architecture tests keep every request declared, and a forgotten one must not run for whoever sends it.
/// </summary>
public sealed partial class AuthorizationBehavior<TMessage, TResponse>(ICurrentUser currentUser, ILogger<AuthorizationBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    /// <summary>Read once per request type: no reflection per request.</summary>
    private static readonly RequestAccess? Access = RequestAccess.Of(typeof(TMessage));

    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var access = Access ?? throw new InvalidOperationException(
            $"{typeof(TMessage).Name} does not say who may send it: mark it [Authorize], [AllowAnonymous] or [SystemOperation].");
        if (access.Refusal(currentUser) is not { } refusal)
        {
            return next(message, cancellationToken);
        }

        if (currentUser.IsSystem || access.Caller == RequestCaller.System)
        {
            LogWiringMistake(logger, typeof(TMessage).Name, currentUser.IsSystem, refusal.Code);
        }

        return FailureFactory<TResponse>.Create is { } create
            ? ValueTask.FromResult(create(refusal))
            : throw new InvalidOperationException($"{typeof(TMessage).Name} must answer a Result to be refused.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{RequestName} refused ({ErrorCode}); sent by the system: {SentBySystem}. A consumer or job sent a user's request, or a system operation was sent outside a system scope")]
    private static partial void LogWiringMistake(ILogger logger, string requestName, bool sentBySystem, string errorCode);
}
