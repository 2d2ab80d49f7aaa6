using System.Buffers;
using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Persistence;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visitors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Visitors.Commands.SetVisitorPhoto;

/// <summary>Sets (or replaces) a visitor's photo from the uploaded bytes; the caller owns and disposes <paramref name="Content"/>.</summary>
[Authorize(Roles = Roles.AdminOrReceptionist)]
public sealed record SetVisitorPhotoCommand(Guid VisitorId, Stream? Content) : ICommand<Result>;

public sealed class SetVisitorPhotoCommandHandler(IApplicationDbContext db, IBlobStore blobs, ICurrentUser currentUser, TimeProvider time)
    : ICommandHandler<SetVisitorPhotoCommand, Result>
{
    public async ValueTask<Result> Handle(SetVisitorPhotoCommand command, CancellationToken cancellationToken)
    {
        // Reading one byte past the limit proves a file too large without reading the rest of it.
        await using var photo = new MemoryStream();
        if (await CopyAtMostAsync(command.Content!, photo, PhotoFormat.MaxBytes + 1, cancellationToken) > PhotoFormat.MaxBytes)
        {
            return PhotoErrors.TooLarge();
        }

        var format = PhotoFormat.Detect(photo.GetBuffer().AsSpan(0, (int)Math.Min(photo.Length, PhotoFormat.SignatureLength)));
        if (format is null)
        {
            return PhotoErrors.UnsupportedMediaType();
        }

        var visitor = await db.Visitors.FirstOrDefaultAsync(v => v.Id == command.VisitorId, cancellationToken);
        if (visitor is null)
        {
            return VisitorErrors.NotFound(command.VisitorId);
        }

        if (visitor.IsErased)
        {
            return VisitorErrors.Erased(visitor.Id);
        }

        var now = time.GetUtcNow();
        var previousKey = visitor.PhotoKey;
        photo.Position = 0;
        var key = await blobs.PutAsync(format.NewKey(visitor.Id, now), photo, format.ContentType, cancellationToken);

        // The new blob stays only if the database now points at it; the old one goes only once it no longer does.
        var committed = false;
        try
        {
            var saved = await visitor.SetPhoto(key, currentUser.RequiredId, now)
                .ThenAsync(() => db.TrySaveChangesAsync(_ => VisitorErrors.ConcurrentChange(visitor.Id), cancellationToken));
            if (saved.IsFailure)
            {
                return saved;
            }

            committed = true;
        }
        finally
        {
            if (!committed)
            {
                await blobs.DeleteAsync(key, CancellationToken.None);
            }
        }

        if (previousKey is not null && previousKey != key)
        {
            // Not cancellable: the change is committed, and the replaced photo must not linger.
            await blobs.DeleteAsync(previousKey, CancellationToken.None);
        }

        return Result.Success();
    }

    private static async Task<long> CopyAtMostAsync(Stream source, Stream destination, long limit, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(81_920);
        try
        {
            long total = 0;
            int read;
            while (total < limit && (read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - total)), cancellationToken)) > 0)
            {
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                total += read;
            }

            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
