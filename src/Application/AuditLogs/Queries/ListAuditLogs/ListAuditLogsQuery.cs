using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Models;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Domain.AuditLogs;
using CleanVisitors.Domain.Common;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.AuditLogs.Queries.ListAuditLogs;

[Authorize(Roles = Roles.Admin)]
public sealed record ListAuditLogsQuery(Guid? EntityId, Guid? UserId, int? Page = null, int PageSize = Paging.DefaultPageSize, string? Cursor = null)
    : IQuery<Result<PagedList<AuditLogDto>>>, IPagedQuery
{
    public string CursorScope => $"audit-logs|{EntityId}|{UserId}";
}

public sealed class ListAuditLogsQueryValidator : AbstractValidator<ListAuditLogsQuery>
{
    public ListAuditLogsQueryValidator() => this.AddPagingRules();
}

public sealed class ListAuditLogsQueryHandler(IApplicationDbContext db) : IQueryHandler<ListAuditLogsQuery, Result<PagedList<AuditLogDto>>>
{
    private static readonly PageOrder<AuditLog, DateTimeOffset> Order = Paging.Descending<AuditLog, DateTimeOffset>(l => l.At, l => l.Id);

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

        return await logs.ToPageAsync(
            query,
            Order,
            page => page.Select(l => new AuditLogDto(l.Id, l.At, l.UserId, l.Action, l.EntityType, l.EntityId, l.Details)),
            l => (l.At, l.Id),
            cancellationToken);
    }
}
