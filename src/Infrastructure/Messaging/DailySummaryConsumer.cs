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
        Domain.Common.Result<int> result;
        try
        {
            result = await sender.Send(new SendDailySummaryCommand(message.EventId, message.Day), context.CancellationToken);
            if (result.IsFailure && NotificationErrors.IsTransient(result.Error))
            {
                throw new NotificationDeliveryException(result.Error.Description);
            }
        }
        catch (Exception ex) when (DeliveryRetry.GivesUp(context, ex, options.Value))
        {
            metrics.NotificationDeadLettered(Domain.Notifications.NotificationKind.DailySummary);
            throw;
        }

        if (result.IsSuccess)
        {
            return;
        }

        var error = result.Error;
        LogDropped(logger, message.Day, error.Code);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily summary for {Day} not sent: {ErrorCode}")]
    private static partial void LogDropped(ILogger logger, DateOnly day, string errorCode);
}

/// <summary>The same retry policy and concurrency limit as the visit notifications.</summary>
public sealed class DailySummaryConsumerDefinition(IOptions<MessagingOptions> options) : ConsumerDefinition<DailySummaryConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<DailySummaryConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        var settings = options.Value;
        endpointConfigurator.UseMessageRetry(retry => DeliveryRetry.Configure(retry, settings));
        consumerConfigurator.ConcurrentMessageLimit = settings.ConcurrentMessageLimit;
    }
}
