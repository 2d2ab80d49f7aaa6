using System.Threading.RateLimiting;

namespace CleanVisitors.Api.RateLimiting;

/// <summary>A decision of <see cref="FailOpenFixedWindowLimiter"/>: a refusal carries <see cref="MetadataName.RetryAfter"/>.</summary>
internal sealed class StandingLease(bool isAcquired, RateLimitStanding standing) : RateLimitLease
{
    private static readonly string[] RetryAfterOnly = [MetadataName.RetryAfter.Name];

    public RateLimitStanding Standing => standing;

    public override bool IsAcquired => isAcquired;

    public override IEnumerable<string> MetadataNames => isAcquired ? [] : RetryAfterOnly;

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (!isAcquired && metadataName == MetadataName.RetryAfter.Name)
        {
            metadata = standing.Reset;
            return true;
        }

        metadata = null;
        return false;
    }
}
