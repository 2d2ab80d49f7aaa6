using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visitors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Visitors.Queries.GetVisitorPhoto;

[Authorize(Roles = Roles.AdminOrReceptionist)]
public sealed record GetVisitorPhotoQuery(Guid VisitorId) : IQuery<Result<VisitorPhoto>>;

public sealed class GetVisitorPhotoQueryHandler(IApplicationDbContext db, IBlobStore blobs) : IQueryHandler<GetVisitorPhotoQuery, Result<VisitorPhoto>>
{
    public async ValueTask<Result<VisitorPhoto>> Handle(GetVisitorPhotoQuery query, CancellationToken cancellationToken)
    {
        var visitor = await db.Visitors.AsNoTracking()
            .Where(v => v.Id == query.VisitorId)
            .Select(v => new { v.PhotoKey })
            .FirstOrDefaultAsync(cancellationToken);
        if (visitor is null)
        {
            return VisitorErrors.NotFound(query.VisitorId);
        }

        var blob = visitor.PhotoKey is null ? null : await blobs.OpenReadAsync(visitor.PhotoKey, cancellationToken);
        if (blob is null)
        {
            return PhotoErrors.NotFound(query.VisitorId);
        }

        // Only one of the three image types is ever stored; anything else is served as opaque bytes.
        var format = PhotoFormat.FromContentType(blob.ContentType);
        return format is null
            ? new VisitorPhoto(blob.Content, "application/octet-stream", "visitor-photo")
            : new VisitorPhoto(blob.Content, format.ContentType, format.FileName);
    }
}
