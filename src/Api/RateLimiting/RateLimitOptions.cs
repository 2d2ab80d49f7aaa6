namespace CleanVisitors.Api.RateLimiting;

/// <summary>The rate limits, and the Redis that shares their counters between instances.</summary>
public sealed class RateLimitOptions
{
    /// <summary><c>RATE_LIMIT_WINDOW_MS</c>: the global limit's window (default 15 minutes).</summary>
    [ConfigurationKeyName("RATE_LIMIT_WINDOW_MS")]
    public int WindowMs { get; set; } = 900_000;

    /// <summary><c>RATE_LIMIT_MAX_REQUESTS</c>: requests per client per window.</summary>
    [ConfigurationKeyName("RATE_LIMIT_MAX_REQUESTS")]
    public int MaxRequests { get; set; } = 100;

    /// <summary><c>AUTH_RATE_LIMIT_MAX_REQUESTS</c>: the strict policy's requests per minute (login, refresh, approval links, cron).</summary>
    [ConfigurationKeyName("AUTH_RATE_LIMIT_MAX_REQUESTS")]
    public int AuthMaxRequests { get; set; } = 5;

    /// <summary><c>REDIS_URL</c>: <c>redis://[:password@]host:6379[/db]</c>; unset, each instance counts alone.</summary>
    [ConfigurationKeyName("REDIS_URL")]
    public string? RedisUrl { get; set; }

    /// <summary><c>REDIS_KEY_PREFIX</c>: the counters' key prefix, for a Redis shared with others.</summary>
    [ConfigurationKeyName("REDIS_KEY_PREFIX")]
    public string RedisKeyPrefix { get; set; } = "cleanvisitors";

    public TimeSpan Window => TimeSpan.FromMilliseconds(WindowMs);

    /// <summary>The strict policy's window.</summary>
    public static readonly TimeSpan StrictWindow = TimeSpan.FromMinutes(1);
}
