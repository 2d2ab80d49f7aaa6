using MassTransit;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Infrastructure.Messaging;

/// <summary>
/// Twice the notifications' retries, backing off to ten times their longest interval (defaults: 10 retries from 1 s to
/// 5 min, about 14 minutes in all, inside RabbitMQ's 30-minute acknowledgement timeout): a photo left behind is personal
/// data kept against the erasure, so the deletion outlasts a longer outage of the blob store. A key the store refuses as
/// malformed is not retried.
/// </summary>
public sealed class VisitorPhotoDeletionConsumerDefinition(IOptions<MessagingOptions> options) : ConsumerDefinition<VisitorPhotoDeletionConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<VisitorPhotoDeletionConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        var settings = options.Value;
        endpointConfigurator.UseMessageRetry(retry =>
        {
            retry.Exponential(Math.Max(1, settings.RetryLimit * 2), settings.RetryMinInterval, settings.RetryMaxInterval * 10, settings.RetryMinInterval);
            retry.Ignore<ArgumentException>();
        });
        consumerConfigurator.ConcurrentMessageLimit = settings.ConcurrentMessageLimit;
    }
}
