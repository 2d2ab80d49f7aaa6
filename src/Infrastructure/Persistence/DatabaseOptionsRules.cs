using CleanVisitors.Infrastructure.Configuration;
using FluentValidation;

namespace CleanVisitors.Infrastructure.Persistence;

public sealed class DatabaseOptionsRules : SettingsRules<DatabaseOptions>
{
    public DatabaseOptionsRules()
    {
        RuleFor(o => o.Url).NotEmpty()
            .WithMessage("is not set: set it to postgresql://user:password@host:5432/database (./run.sh starts a local PostgreSQL for you).")
            .Custom((url, context) =>
            {
                if (string.IsNullOrEmpty(url))
                {
                    return;
                }

                try
                {
                    DatabaseUrl.Parse(url);
                }
                catch (FormatException ex)
                {
                    // Its message names DATABASE_URL already.
                    context.AddFailure(new FluentValidation.Results.ValidationFailure(string.Empty, ex.Message));
                }
            });
        Between(o => o.PoolSize, 1, 1000);
        Between(o => o.MinPoolSize, 0, 1000);
        AtLeast(o => o.SlowQueryThresholdMs, 0);
    }
}
