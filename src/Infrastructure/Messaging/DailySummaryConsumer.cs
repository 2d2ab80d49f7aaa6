using CleanVisitors.Application.Common.Telemetry;
using CleanVisitors.Application.Notifications;
using CleanVisitors.Application.Notifications.Commands.SendDailySummary;
using MassTransit;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Infrastructure.Messaging;

/// <summary>
/// Turns a <see cref="DailySummaryRequested"/> message into the Admins' WhatsApp summaries through the application's
/// use case. A provider failure throws, so MassTransit retries the message (only the recipients still missing get one);
/// every other outcome acknowledges it.
/// </summary>
public sealed partial class DailySummaryConsumer(
    ISender sender, ApplicationMetrics metrics, IOptions<MessagingOptions> options, ILogger<DailySummaryConsumer> logger) : IConsumer<DailySummaryRequested>
{
    public async Task Consume(ConsumeContext<DailySummaryRequested> context)
    {
        var message = context.Message;
        var error = await DeliveryRetry.DeliverAsync(
            context, Domain.Notifications.NotificationKind.DailySummary, async () => await sender.Send(new SendDailySummaryCommand(message.EventId, message.Day), context.CancellationToken),
            metrics, options.Value);
        if (error is not null)
        {
            LogDropped(logger, message.Day, error.Code);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily summary for {Day} not sent: {ErrorCode}")]
    private static partial void LogDropped(ILogger logger, DateOnly day, string errorCode);
}
