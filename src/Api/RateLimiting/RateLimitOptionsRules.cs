using CleanVisitors.Infrastructure.Configuration;
using FluentValidation;

namespace CleanVisitors.Api.RateLimiting;

public sealed class RateLimitOptionsRules : SettingsRules<RateLimitOptions>
{
    public RateLimitOptionsRules()
    {
        Between(o => o.WindowMs, 1000, int.MaxValue);
        Between(o => o.MaxRequests, 1, int.MaxValue);
        Between(o => o.AuthMaxRequests, 1, int.MaxValue);
        RuleFor(o => o.RedisUrl).Custom((url, context) =>
        {
            if (url is null)
            {
                return;
            }

            try
            {
                RedisUrl.Parse(url);
            }
            catch (FormatException ex)
            {
                // Its message names REDIS_URL already.
                context.AddFailure(new FluentValidation.Results.ValidationFailure(string.Empty, ex.Message));
            }
        });
    }
}
