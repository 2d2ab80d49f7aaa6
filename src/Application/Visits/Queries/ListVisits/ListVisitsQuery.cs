using System.Globalization;
using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Models;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visits;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Visits.Queries.ListVisits;

[Authorize(Roles = Roles.Any)]
public sealed record ListVisitsQuery(
    VisitStatus? Status,
    Guid? HostId,
    Guid? VisitorId,
    DateTimeOffset? From,
    DateTimeOffset? To,
    int? Page = null,
    int PageSize = Paging.DefaultPageSize,
    string? Cursor = null) : IQuery<Result<PagedList<VisitDto>>>, IPagedQuery
{
    public string CursorScope => string.Create(CultureInfo.InvariantCulture, $"visits|{Status}|{HostId}|{VisitorId}|{From?.UtcTicks}|{To?.UtcTicks}");
}

public sealed class ListVisitsQueryValidator : AbstractValidator<ListVisitsQuery>
{
    public ListVisitsQueryValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.Status).IsInEnum();
        RuleFor(x => x.To).GreaterThan(x => x.From).When(x => x.From.HasValue && x.To.HasValue).WithMessage("Must be after from.");
    }
}

public sealed class ListVisitsQueryHandler(IApplicationDbContext db, ICurrentUser user) : IQueryHandler<ListVisitsQuery, Result<PagedList<VisitDto>>>
{
    /// <summary>Newest first; every filter has an index that ends in (created_at, id), so a page is an index range scan.</summary>
    private static readonly PageOrder<Visit, DateTimeOffset> Order = Paging.Descending<Visit, DateTimeOffset>(v => v.CreatedAt, v => v.Id);

    public async ValueTask<Result<PagedList<VisitDto>>> Handle(ListVisitsQuery query, CancellationToken cancellationToken)
    {
        var visits = db.Visits.AsNoTracking().VisibleTo(user);
        if (query.Status is { } status)
        {
            visits = visits.Where(v => v.Status == status);
        }

        if (query.HostId is { } hostId)
        {
            visits = visits.Where(v => v.HostId == hostId);
        }

        if (query.VisitorId is { } visitorId)
        {
            // A Host's own invitations never show them a visitor id, so the filter does not find them either: it would
            // tell them which stored visitor a phone number they invited belongs to (API.md, Visits).
            var viewerHostId = VisitQueries.OnlyHostOf(user);
            visits = visits.Where(v => v.VisitorId == visitorId && (viewerHostId == null || v.CreatedById != viewerHostId));
        }

        if (query.From is { } from)
        {
            var fromUtc = from.ToUniversalTime();
            visits = visits.Where(v => v.CreatedAt >= fromUtc);
        }

        if (query.To is { } to)
        {
            var toUtc = to.ToUniversalTime();
            visits = visits.Where(v => v.CreatedAt < toUtc);
        }

        return await visits.ToPageAsync(query, Order, page => page.ToDtos(db, VisitQueries.OnlyHostOf(user)), v => (v.CreatedAt, v.Id), cancellationToken);
    }
}
