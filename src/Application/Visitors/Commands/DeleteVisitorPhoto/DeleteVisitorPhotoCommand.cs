using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Domain.Common;
using Mediator;

namespace CleanVisitors.Application.Visitors.Commands.DeleteVisitorPhoto;

/// <summary>
/// Deletes an erased visitor's photo from the blob store (the message <see cref="Notifications.VisitorPhotoDeletionRequested"/>
/// the erasure wrote to the outbox). Deleting a photo that is already gone succeeds, so a redelivered message is harmless;
/// a failing store throws, and the consumer's retry policy tries again.
/// </summary>
[SystemOperation]
public sealed record DeleteVisitorPhotoCommand(string PhotoKey) : ICommand<Result>;

public sealed class DeleteVisitorPhotoCommandHandler(IBlobStore blobs) : ICommandHandler<DeleteVisitorPhotoCommand, Result>
{
    public async ValueTask<Result> Handle(DeleteVisitorPhotoCommand command, CancellationToken cancellationToken)
    {
        await blobs.DeleteAsync(command.PhotoKey, cancellationToken);
        return Result.Success();
    }
}
