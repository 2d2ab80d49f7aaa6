using System.Threading.RateLimiting;

namespace CleanVisitors.Api.RateLimiting;

/// <summary>
/// Login attempts per e-mail address per minute (<c>AUTH_RATE_LIMIT_MAX_REQUESTS</c>), on top of the per-IP policy,
/// counted where the other limits are (<see cref="SharedCounters"/>).
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    public const string PolicyName = "login-email";

    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly TimeSpan _window;

    public LoginThrottle(int permitLimit, TimeSpan window, SharedCounters counters)
    {
        _window = window;
        _limiter = PartitionedRateLimiter.Create<string, string>(email => RateLimitPartition.Get(
            email,
            key => counters.FixedWindow(PolicyName, key, permitLimit, window)));
    }

    /// <summary>Null when the attempt may go ahead, else how long to wait.</summary>
    public async ValueTask<TimeSpan?> TryAcquireAsync(string? email, CancellationToken cancellationToken)
    {
        using var lease = await _limiter.AcquireAsync(CleanVisitors.Domain.Common.Email.ForComparison(email ?? string.Empty), 1, cancellationToken);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : _window;
    }

    public void Dispose() => _limiter.Dispose();
}
