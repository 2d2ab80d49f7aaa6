using CleanVisitors.Application.Auth;

namespace CleanVisitors.Infrastructure.Configuration;

public sealed class AuthOptionsRules : SettingsRules<AuthOptions>
{
    public AuthOptionsRules() => Between(o => o.RefreshTokenHours, 1, 90 * 24);
}
