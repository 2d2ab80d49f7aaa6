using MassTransit;

namespace CleanVisitors.Infrastructure.Messaging;

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
