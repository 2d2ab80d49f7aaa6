using CleanVisitors.Application.Auth;
using CleanVisitors.Application.Common.Behaviors;
using CleanVisitors.Application.Jobs;
using CleanVisitors.Application.Notifications;
using FluentValidation;

namespace CleanVisitors.Infrastructure.Configuration;

public sealed class JobOptionsRules : SettingsRules<JobOptions>
{
    public JobOptionsRules()
    {
        Between(o => o.PendingApprovalTimeoutMinutes, 1, 7 * 24 * 60);
        Between(o => o.NoShowGraceMinutes, 0, 7 * 24 * 60);
        Between(o => o.MaxVisitHours, 1, 7 * 24);
        Between(o => o.RetentionDays, 1, 36500);
        Between(o => o.BatchSize, 1, 10000);
    }
}

public sealed class NotificationOptionsRules : SettingsRules<NotificationOptions>
{
    public NotificationOptionsRules()
    {
        RuleFor(o => o.PublicBaseUrl).Must(IsHttpUrl).WithMessage("is not an absolute http(s) URL such as https://visitors.example.com (approval links start with it).");
        Between(o => o.PendingApprovalTimeoutMinutes, 1, 7 * 24 * 60);
    }
}

public sealed class AuthOptionsRules : SettingsRules<AuthOptions>
{
    public AuthOptionsRules() => Between(o => o.RefreshTokenHours, 1, 90 * 24);
}

public sealed class ApplicationOptionsRules : SettingsRules<ApplicationOptions>
{
    public ApplicationOptionsRules() => AtLeast(o => o.SlowHandlerThresholdMs, 1);
}
