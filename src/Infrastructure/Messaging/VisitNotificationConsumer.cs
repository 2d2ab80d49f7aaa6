using CleanVisitors.Application.Common.Telemetry;
using CleanVisitors.Application.Notifications;
using CleanVisitors.Application.Notifications.Commands.SendVisitNotification;
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
