using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Models;
using CleanVisitors.Domain.Common;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.AuditLogs.Queries.ListAuditLogs;

public sealed record ListAuditLogsQuery(Guid? EntityId, Guid? UserId, int Page = 1, int PageSize = Paging.DefaultPageSize)
    : IQuery<Result<PagedList<AuditLogDto>>>, IPagedQuery;

public sealed record AuditLogDto(Guid Id, DateTimeOffset At, Guid? UserId, string Action, string EntityType, Guid EntityId, string? Details);

public sealed class ListAuditLogsQueryValidator : AbstractValidator<ListAuditLogsQuery>
{
    public ListAuditLogsQueryValidator() => this.AddPagingRules();
}

public sealed class ListAuditLogsQueryHandler(IApplicationDbContext db) : IQueryHandler<ListAuditLogsQuery, Result<PagedList<AuditLogDto>>>
{
    public async ValueTask<Result<PagedList<AuditLogDto>>> Handle(ListAuditLogsQuery query, CancellationToken cancellationToken)
    {
        var logs = db.AuditLogs.AsNoTracking();
        if (query.EntityId is { } entityId)
        {
            logs = logs.Where(l => l.EntityId == entityId);
        }

        if (query.UserId is { } userId)
        {
            logs = logs.Where(l => l.UserId == userId);
        }

        return await logs.OrderByDescending(l => l.At).ThenByDescending(l => l.Id)
            .Select(l => new AuditLogDto(l.Id, l.At, l.UserId, l.Action, l.EntityType, l.EntityId, l.Details))
            .ToPagedListAsync(query, cancellationToken);
    }
}
