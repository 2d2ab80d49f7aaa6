using CleanVisitors.Application.Notifications;
using FluentValidation;

namespace CleanVisitors.Infrastructure.Configuration;

public sealed class NotificationOptionsRules : SettingsRules<NotificationOptions>
{
    public NotificationOptionsRules()
    {
        RuleFor(o => o.PublicBaseUrl).Must(IsHttpUrl).WithMessage("is not an absolute http(s) URL such as https://visitors.example.com (approval links start with it).");
    }
}
