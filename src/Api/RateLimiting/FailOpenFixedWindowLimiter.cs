using System.Threading.RateLimiting;
using RedisRateLimiting;
using StackExchange.Redis;

namespace CleanVisitors.Api.RateLimiting;

/// <summary>
/// One client's fixed window of one policy: counted in Redis by RedisRateLimiting's fixed-window limiter while Redis
/// answers, else by .NET's own fixed-window limiter in memory (<see cref="SharedCounters"/>). Either way the lease says
/// where the client stands (<see cref="RateLimitStanding"/>), and a refusal says when to retry.
/// </summary>
internal sealed class FailOpenFixedWindowLimiter : RateLimiter
{
    private readonly SharedCounters _counters;
    private readonly string _sharedKey;
    private readonly int _permitLimit;
    private readonly TimeSpan _window;
    private readonly FixedWindowRateLimiter _local;
    private readonly long _localStart = Environment.TickCount64;
    private RedisFixedWindowRateLimiter<string>? _shared;
    private int _inFlight;
    private long _lastUsed = Environment.TickCount64;

    public FailOpenFixedWindowLimiter(SharedCounters counters, string sharedKey, int permitLimit, TimeSpan window)
    {
        _counters = counters;
        _sharedKey = sharedKey;
        _permitLimit = permitLimit;
        _window = window;
        _local = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitLimit,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>
    /// Idle (and so dropped by the partitioned limiter after a while) only when no acquisition is under way, the in-memory
    /// window is full again, and nothing was asked for since: a partition counted in Redis is not dropped, and disposed,
    /// under a request that is still using it.
    /// </summary>
    public override TimeSpan? IdleDuration =>
        Volatile.Read(ref _inFlight) > 0 || _local.IdleDuration is null
            ? null
            : TimeSpan.FromMilliseconds(Environment.TickCount64 - Volatile.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => _local.GetStatistics();

    /// <summary>
    /// Without waiting: in memory when Redis is not connected. While it is, a Redis answer takes a round trip, so this
    /// declines and the rate-limiting middleware asks again through <see cref="AcquireAsyncCore"/>.
    /// </summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        if (_counters.Connection is not null)
        {
            return AskAgainLease.Instance;
        }

        _counters.Unavailable(null);
        return Local(permitCount);
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            return await AcquireSharedOrLocalAsync(permitCount, cancellationToken);
        }
        finally
        {
            Volatile.Write(ref _lastUsed, Environment.TickCount64);
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async ValueTask<RateLimitLease> AcquireSharedOrLocalAsync(int permitCount, CancellationToken cancellationToken)
    {
        if (_counters.Connection is { } redis)
        {
            try
            {
                _shared ??= new RedisFixedWindowRateLimiter<string>(_sharedKey, new RedisFixedWindowRateLimiterOptions
                {
                    ConnectionMultiplexerFactory = () => redis,
                    PermitLimit = _permitLimit,
                    Window = _window,
                });
                using var lease = await _shared.AcquireAsync(permitCount, cancellationToken);
                _counters.Answered();
                var remaining = lease.TryGetMetadata(RateLimitMetadataName.Remaining, out var left) ? left : 0;
                var reset = lease.TryGetMetadata(RateLimitMetadataName.Reset, out var expiresAt)
                    ? TimeSpan.FromSeconds(Math.Max(1, expiresAt - DateTimeOffset.UtcNow.ToUnixTimeSeconds()))
                    : _window;
                return new StandingLease(lease.IsAcquired, new RateLimitStanding(_permitLimit, remaining, reset));
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                _counters.Unavailable(ex);
            }
        }
        else
        {
            _counters.Unavailable(null);
        }

        return Local(permitCount);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _local.Dispose();
            _shared?.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await _local.DisposeAsync();
        if (_shared is not null)
        {
            await _shared.DisposeAsync();
        }

        await base.DisposeAsyncCore();
    }

    private StandingLease Local(int permitCount)
    {
        Volatile.Write(ref _lastUsed, Environment.TickCount64);
        using var lease = _local.AttemptAcquire(permitCount);
        var remaining = _local.GetStatistics()?.CurrentAvailablePermits ?? 0;
        // The in-memory window runs from this limiter's creation (its replenishing timer's start).
        var elapsed = (Environment.TickCount64 - _localStart) % (long)_window.TotalMilliseconds;
        return new StandingLease(lease.IsAcquired, new RateLimitStanding(_permitLimit, remaining, TimeSpan.FromMilliseconds(_window.TotalMilliseconds - elapsed)));
    }

    /// <summary>Not decided without waiting: the middleware then acquires asynchronously.</summary>
    private sealed class AskAgainLease : RateLimitLease
    {
        public static readonly AskAgainLease Instance = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
