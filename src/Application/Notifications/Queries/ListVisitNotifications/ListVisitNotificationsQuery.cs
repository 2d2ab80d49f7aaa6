using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visits;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Notifications.Queries.ListVisitNotifications;

[Authorize(Roles = Roles.AdminOrReceptionist)]
public sealed record ListVisitNotificationsQuery(Guid VisitId) : IQuery<Result<IReadOnlyList<NotificationDto>>>;

public sealed class ListVisitNotificationsQueryHandler(IApplicationDbContext db) : IQueryHandler<ListVisitNotificationsQuery, Result<IReadOnlyList<NotificationDto>>>
{
    public async ValueTask<Result<IReadOnlyList<NotificationDto>>> Handle(ListVisitNotificationsQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Visits.AnyAsync(v => v.Id == query.VisitId, cancellationToken))
        {
            return VisitErrors.NotFound(query.VisitId);
        }

        var notifications = await db.Notifications.AsNoTracking()
            .Where(n => n.VisitId == query.VisitId)
            .OrderBy(n => n.CreatedAt)
            .Select(n => new NotificationDto(n.Id, n.Kind, n.Recipient, n.Status, n.Attempts, n.LastError, n.CreatedAt, n.SentAt))
            .ToListAsync(cancellationToken);
        return Result<IReadOnlyList<NotificationDto>>.Success(notifications);
    }
}
