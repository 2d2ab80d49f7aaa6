namespace CleanVisitors.Api.RateLimiting;

/// <summary>Where a client stands in its window: the limit, what is left of it, and when the window starts afresh.</summary>
public sealed record RateLimitStanding(int Limit, long Remaining, TimeSpan Reset);
