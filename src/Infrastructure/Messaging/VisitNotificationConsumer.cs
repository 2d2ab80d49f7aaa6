using CleanVisitors.Application.Common.Telemetry;
using CleanVisitors.Application.Notifications;
using CleanVisitors.Application.Notifications.Commands.SendVisitNotification;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Notifications;
using CleanVisitors.Infrastructure.Persistence;
using MassTransit;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Infrastructure.Messaging;

/// <summary>
/// Turns a <see cref="VisitNotificationRequested"/> message into one WhatsApp message through the application's
/// use case. A transient failure (the provider did not take it; another delivery holds it) throws, so MassTransit
/// retries the message (and, when retries run out, moves it to the <c>_error</c> queue); every other outcome
/// acknowledges it.
/// </summary>
public sealed partial class VisitNotificationConsumer(
    ISender sender, ApplicationMetrics metrics, IOptions<MessagingOptions> options, ILogger<VisitNotificationConsumer> logger) : IConsumer<VisitNotificationRequested>
{
    public async Task Consume(ConsumeContext<VisitNotificationRequested> context)
    {
        var message = context.Message;
        var error = await DeliveryRetry.DeliverAsync(
            context, message.Kind, async () => await sender.Send(new SendVisitNotificationCommand(message.EventId, message.VisitId, message.Kind), context.CancellationToken),
            metrics, options.Value);
        if (error is not null)
        {
            LogDropped(logger, message.Kind.ToString(), message.VisitId, error.Code);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {Kind} for visit {VisitId} not sent: {ErrorCode}")]
    private static partial void LogDropped(ILogger logger, string kind, Guid visitId, string errorCode);
}

/// <summary>The provider did not take a message, or another delivery holds it; the consumer's retry policy tries again.</summary>
public sealed class NotificationDeliveryException(string message) : Exception(message);

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

/// <summary>Retries with exponential back-off and a concurrency limit, for each notification consumer.</summary>
public sealed class NotificationConsumerDefinition<TConsumer>(Microsoft.Extensions.Options.IOptions<MessagingOptions> options)
    : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        var settings = options.Value;
        endpointConfigurator.UseMessageRetry(retry => DeliveryRetry.Configure(retry, settings));
        consumerConfigurator.ConcurrentMessageLimit = settings.ConcurrentMessageLimit;
    }
}
