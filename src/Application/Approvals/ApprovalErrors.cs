using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visits;

namespace CleanVisitors.Application.Approvals;

public static class ApprovalErrors
{
    public static readonly Error NotFound = Error.NotFound("approval.not_found", "This approval link is not valid.");

    public static readonly Error Used = Error.Gone("approval.used", "This approval link has already been used.");

    public static readonly Error Expired = Error.Gone("approval.expired", "This approval link has expired.");

    public static readonly Error HostInactive = Error.Gone("approval.host_inactive", "This approval link no longer works: its host can no longer decide visits.");

    public static Error AlreadyDecided(VisitStatus status) => Error.Gone("approval.decided", $"This visit is already {status}; there is nothing left to decide.");
}
