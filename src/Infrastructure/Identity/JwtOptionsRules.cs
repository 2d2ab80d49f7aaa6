using CleanVisitors.Infrastructure.Configuration;
using FluentValidation;

namespace CleanVisitors.Infrastructure.Identity;

public sealed class JwtOptionsRules : SettingsRules<JwtOptions>
{
    private const string Fix = "set a random secret (e.g. `openssl rand -base64 48`)";

    public JwtOptionsRules(SettingsEnvironment environment)
    {
        RuleFor(o => o.Secret).MinimumLength(JwtOptions.MinimumSecretLength)
            .WithMessage($"is missing or shorter than {JwtOptions.MinimumSecretLength} characters: {Fix}.")
            .DependentRules(() =>
            {
                if (!environment.IsProduction)
                {
                    return;
                }

                RuleFor(o => o.Secret).Must(secret => !JwtOptions.KnownPlaceholderSecrets.Contains(secret))
                    .WithMessage($"is a published placeholder (the .env.example value): in Production {Fix}.")
                    .DependentRules(() => RuleFor(o => o.Secret)
                        // Forty 'a's are 40 characters and no secret at all.
                        .Must(secret => secret.Distinct().Count() >= JwtOptions.MinimumDistinctSecretCharacters)
                        .WithMessage($"has fewer than {JwtOptions.MinimumDistinctSecretCharacters} different characters (a hex secret has at most 16): in Production {Fix}."));
            });
        Between(o => o.ExpiresMinutes, 1, 7 * 24 * 60);
    }
}
