using CleanVisitors.Application.Notifications;
using CleanVisitors.Application.Visitors.Commands.DeleteVisitorPhoto;
using MassTransit;
using Mediator;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Infrastructure.Messaging;

/// <summary>
/// Deletes an erased visitor's photo (<see cref="VisitorPhotoDeletionRequested"/>, written to the outbox with the
/// erasure). Any failure of the blob store throws, so MassTransit retries with back-off; when retries run out the message
/// waits in the <c>_error</c> queue, from which an operator moves it back (README, "Erasure").
/// </summary>
public sealed class VisitorPhotoDeletionConsumer(ISender sender) : IConsumer<VisitorPhotoDeletionRequested>
{
    public async Task Consume(ConsumeContext<VisitorPhotoDeletionRequested> context) =>
        await sender.Send(new DeleteVisitorPhotoCommand(context.Message.PhotoKey), context.CancellationToken);
}

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
