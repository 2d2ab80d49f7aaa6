using CleanVisitors.Application.Common.Telemetry;
using CleanVisitors.Application.Notifications;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Notifications;
using CleanVisitors.Infrastructure.Persistence;
using MassTransit;

namespace CleanVisitors.Infrastructure.Messaging;

/// <summary>The retry policy of the notification consumers, and the one way they hand a message to its use case.</summary>
public static class DeliveryRetry
{
    /// <summary>
    /// Runs the use case for one notification message. A transient failure (the provider did not take it; another
    /// delivery holds it) throws <see cref="NotificationDeliveryException"/>, so MassTransit retries the message; a
    /// failure that gives up (the last try, or not retried) is counted as dead-lettered first, its message then waits
    /// in the <c>_error</c> queue. Answers the final failure the consumer logs, or null when it was delivered.
    /// </summary>
    public static async Task<Error?> DeliverAsync(ConsumeContext context, NotificationKind kind, Func<Task<Result>> send, ApplicationMetrics metrics, MessagingOptions settings)
    {
        Result result;
        try
        {
            result = await send();
            if (result.IsFailure && NotificationErrors.IsTransient(result.Error))
            {
                throw new NotificationDeliveryException(result.Error.Description);
            }
        }
        catch (Exception ex) when (GivesUp(context, ex, settings))
        {
            metrics.NotificationDeadLettered(kind);
            throw;
        }

        return result.Error;
    }

    public static void Configure(IRetryConfigurator retry, MessagingOptions settings)
    {
        retry.Exponential(settings.RetryLimit, settings.RetryMinInterval, settings.RetryMaxInterval, settings.RetryMinInterval);
        retry.Handle<Exception>(IsRetried);
    }

    /// <summary>
    /// A provider that did not take the message, or a database that is gone, however it surfaces: EF Core wraps
    /// Npgsql's exception (RetryLimitExceededException once its execution strategy gave up, DbUpdateException on a
    /// save), and a policy that only handled NpgsqlException failed such messages at once (issue 9).
    /// </summary>
    public static bool IsRetried(Exception exception) => exception is NotificationDeliveryException || DatabaseFailures.IsUnavailable(exception);

    /// <summary>Whether this failure moves the message to the <c>_error</c> queue: it is not retried, or this was the last try.</summary>
    public static bool GivesUp(ConsumeContext context, Exception exception, MessagingOptions settings) =>
        !context.CancellationToken.IsCancellationRequested && (!IsRetried(exception) || context.GetRetryAttempt() >= settings.RetryLimit);
}
