using CleanVisitors.Application.Notifications;
using CleanVisitors.Application.Notifications.Commands.SendVisitNotification;
using MassTransit;
using Mediator;
using Microsoft.Extensions.Logging;

namespace CleanVisitors.Infrastructure.Messaging;

/// <summary>
/// Turns a <see cref="VisitNotificationRequested"/> message into one WhatsApp message through the application's
/// use case. A provider failure throws, so MassTransit retries the message (and, when retries run out, moves it to
/// the <c>_error</c> queue); every other outcome acknowledges it.
/// </summary>
public sealed partial class VisitNotificationConsumer(ISender sender, ILogger<VisitNotificationConsumer> logger) : IConsumer<VisitNotificationRequested>
{
    public async Task Consume(ConsumeContext<VisitNotificationRequested> context)
    {
        var message = context.Message;
        var result = await sender.Send(new SendVisitNotificationCommand(message.EventId, message.VisitId, message.Kind), context.CancellationToken);
        if (result.IsSuccess)
        {
            return;
        }

        if (result.Error!.Code == "notification.send_failed")
        {
            throw new NotificationDeliveryException(result.Error.Description);
        }

        LogDropped(logger, message.Kind.ToString(), message.VisitId, result.Error.Code);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {Kind} for visit {VisitId} not sent: {ErrorCode}")]
    private static partial void LogDropped(ILogger logger, string kind, Guid visitId, string errorCode);
}

/// <summary>The provider did not take a message; the consumer's retry policy tries again.</summary>
public sealed class NotificationDeliveryException(string message) : Exception(message);

/// <summary>Retries with exponential back-off and a concurrency limit for the notification consumer.</summary>
public sealed class VisitNotificationConsumerDefinition(Microsoft.Extensions.Options.IOptions<MessagingOptions> options)
    : ConsumerDefinition<VisitNotificationConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<VisitNotificationConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        var settings = options.Value;
        endpointConfigurator.UseMessageRetry(retry =>
        {
            retry.Exponential(settings.RetryLimit, settings.RetryMinInterval, settings.RetryMaxInterval, settings.RetryMinInterval);
            retry.Handle<NotificationDeliveryException>();
            retry.Handle<TimeoutException>();
            retry.Handle<Npgsql.NpgsqlException>();
        });
        consumerConfigurator.ConcurrentMessageLimit = settings.ConcurrentMessageLimit;
    }
}

public sealed class MessagingOptions
{
    public int RetryLimit { get; set; } = 5;

    public TimeSpan RetryMinInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMaxInterval { get; set; } = TimeSpan.FromSeconds(30);

    public int ConcurrentMessageLimit { get; set; } = 8;
}
