using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Notifications;
using CleanVisitors.Domain.Visits;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Application.Approvals;

/// <summary>
/// Issues the link of a host's approval request, the one step of a notification that writes: a new single-use
/// <see cref="ApprovalToken"/> for the visit, valid until the approval timeout counted from the visit's creation (the link
/// expires with the approval itself), added to the unit of work so that the caller's next save stores it. The raw token
/// exists only in the link returned.
/// </summary>
public sealed class ApprovalLinks(IApplicationDbContext db, IOptions<ApprovalOptions> approvals, IOptions<NotificationOptions> notifications)
{
    /// <returns>The link, <c>PUBLIC_BASE_URL/approve/{token}</c>.</returns>
    public string Issue(Guid visitId, DateTimeOffset visitCreatedAt, DateTimeOffset now)
    {
        var expiresAt = visitCreatedAt.AddMinutes(approvals.Value.PendingApprovalTimeoutMinutes);
        var (token, raw) = ApprovalToken.Issue(visitId, expiresAt, now);
        db.ApprovalTokens.Add(token);
        return notifications.Value.ApprovalLink(raw);
    }
}
