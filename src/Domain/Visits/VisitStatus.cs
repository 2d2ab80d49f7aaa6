namespace CleanVisitors.Domain.Visits;

/// <summary>Where a visit stands: PendingApproval → Approved or Rejected; Approved → CheckedIn → CheckedOut; Cancelled and Expired end it early.</summary>
public enum VisitStatus
{
    PendingApproval,
    Approved,
    Rejected,
    CheckedIn,
    CheckedOut,
    Cancelled,
    Expired,
}
