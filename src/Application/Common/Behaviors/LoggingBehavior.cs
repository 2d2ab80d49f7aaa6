using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Domain.Common;
using Mediator;
using Microsoft.Extensions.Logging;

namespace CleanVisitors.Application.Common.Behaviors;

/// <summary>Logs each request's name, the caller's id and the outcome; never the payload (it holds personal data).</summary>
public sealed partial class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger, ICurrentUser currentUser)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var name = typeof(TMessage).Name;
        LogHandling(logger, name, currentUser.Id);
        var response = await next(message, cancellationToken);
        if (response is Result { Error: { } error })
        {
            LogFailed(logger, name, error.Code, error.Type);
        }
        else
        {
            LogHandled(logger, name);
        }

        return response;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Handling {RequestName} for user {UserId}")]
    private static partial void LogHandling(ILogger logger, string requestName, Guid? userId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Handled {RequestName}")]
    private static partial void LogHandled(ILogger logger, string requestName);

    [LoggerMessage(Level = LogLevel.Information, Message = "{RequestName} ended with expected failure {ErrorCode} ({ErrorType})")]
    private static partial void LogFailed(ILogger logger, string requestName, string errorCode, ErrorType errorType);
}
