using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Notifications;
using CleanVisitors.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Approvals.Queries.GetApprovalRequest;

/// <summary>What the approval page shows. Reading it changes nothing (messengers fetch links for previews).</summary>
[AllowAnonymous]
public sealed record GetApprovalRequestQuery(string Token) : IQuery<Result<ApprovalRequestDto>>;

public sealed class GetApprovalRequestQueryHandler(IApplicationDbContext db, TimeProvider time) : IQueryHandler<GetApprovalRequestQuery, Result<ApprovalRequestDto>>
{
    public async ValueTask<Result<ApprovalRequestDto>> Handle(GetApprovalRequestQuery query, CancellationToken cancellationToken)
    {
        var token = await db.FindAsync(query.Token, track: false, cancellationToken);
        var facts = token is null
            ? null
            : await (
                from v in db.Visits.AsNoTracking()
                join p in db.Visitors on v.VisitorId equals p.Id
                join s in db.Sites on v.SiteId equals s.Id
                join h in db.Users on v.HostId equals h.Id
                where v.Id == token.VisitId
                select new { v.Status, HostIsActive = h.IsActive, p.FullName, p.Company, v.Purpose, SiteName = s.Name, s.TimeZone, At = v.ExpectedAt ?? v.CreatedAt }).FirstOrDefaultAsync(cancellationToken);
        if (ApprovalTokenLookup.Refusal(token, facts?.Status, facts?.HostIsActive ?? false, time.GetUtcNow()) is { } refusal)
        {
            return refusal;
        }

        return new ApprovalRequestDto(facts!.FullName ?? "(erased)", facts.Company, facts.Purpose, facts.SiteName, MessageTemplates.LocalTime(facts.At, facts.TimeZone));
    }
}
