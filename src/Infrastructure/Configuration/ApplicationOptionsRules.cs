using CleanVisitors.Application.Common.Behaviors;

namespace CleanVisitors.Infrastructure.Configuration;

public sealed class ApplicationOptionsRules : SettingsRules<ApplicationOptions>
{
    public ApplicationOptionsRules() => AtLeast(o => o.SlowHandlerThresholdMs, 1);
}
