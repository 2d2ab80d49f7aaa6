using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Models;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visits;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Visits.Queries.ListVisits;

public sealed record ListVisitsQuery(
    VisitStatus? Status,
    Guid? HostId,
    Guid? VisitorId,
    DateTimeOffset? From,
    DateTimeOffset? To,
    int Page = 1,
    int PageSize = Paging.DefaultPageSize) : IQuery<Result<PagedList<VisitDto>>>, IPagedQuery;

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
            visits = visits.Where(v => v.VisitorId == visitorId);
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

        return await visits.OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Id).ToDtos(db).ToPagedListAsync(query, cancellationToken);
    }
}
