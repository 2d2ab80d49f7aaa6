using Microsoft.Extensions.Configuration;

namespace CleanVisitors.Application.Approvals;

/// <summary>How long a host has to answer: the one owner of <c>PENDING_APPROVAL_TIMEOUT_MINUTES</c>.</summary>
public sealed class ApprovalOptions
{
    /// <summary>
    /// <c>PENDING_APPROVAL_TIMEOUT_MINUTES</c>: a visit waiting this long for approval expires
    /// (<c>expire-pending</c>), and its approval link expires with it.
    /// </summary>
    [ConfigurationKeyName("PENDING_APPROVAL_TIMEOUT_MINUTES")]
    public int PendingApprovalTimeoutMinutes { get; set; } = 60;
}
