namespace CleanVisitors.Domain.Visits;

/// <summary>The visit status machine of the API contract, in one table.</summary>
public static class VisitStatusMachine
{
    private static readonly Dictionary<VisitStatus, VisitStatus[]> Allowed = new()
    {
        [VisitStatus.PendingApproval] = [VisitStatus.Approved, VisitStatus.Rejected, VisitStatus.Cancelled, VisitStatus.Expired],
        [VisitStatus.Approved] = [VisitStatus.CheckedIn, VisitStatus.Cancelled, VisitStatus.Expired],
        [VisitStatus.CheckedIn] = [VisitStatus.CheckedOut],
        [VisitStatus.Rejected] = [],
        [VisitStatus.CheckedOut] = [],
        [VisitStatus.Cancelled] = [],
        [VisitStatus.Expired] = [],
    };

    /// <summary>Statuses in which a visit is still open; a visitor has at most one open visit.</summary>
    public static readonly IReadOnlyList<VisitStatus> Open = [VisitStatus.PendingApproval, VisitStatus.Approved, VisitStatus.CheckedIn];

    public static bool CanMove(VisitStatus from, VisitStatus to) => Allowed[from].Contains(to);

    public static bool IsOpen(VisitStatus status) => status is VisitStatus.PendingApproval or VisitStatus.Approved or VisitStatus.CheckedIn;
}
