using CleanVisitors.Application.Approvals;

namespace CleanVisitors.Infrastructure.Configuration;

public sealed class ApprovalOptionsRules : SettingsRules<ApprovalOptions>
{
    public ApprovalOptionsRules()
    {
        Between(o => o.PendingApprovalTimeoutMinutes, 1, 7 * 24 * 60);
    }
}
