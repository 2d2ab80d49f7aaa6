using CleanVisitors.Application.Notifications;
using CleanVisitors.Application.Visitors.Commands.DeleteVisitorPhoto;
using MassTransit;
using Mediator;

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
