using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace CleanVisitors.Api.RateLimiting;

/// <summary>
/// The global fixed-window limiter, and what a client is told about it: <c>X-RateLimit-Limit</c>,
/// <c>X-RateLimit-Remaining</c> and <c>X-RateLimit-Reset</c> (seconds until the window starts afresh), from the decision
/// taken on the request itself (<see cref="RateLimitStanding"/>), wherever it was counted.
/// </summary>
public sealed class GlobalRateLimit
{
    public GlobalRateLimit(int permitLimit, TimeSpan window, SharedCounters counters)
    {
        PermitLimit = permitLimit;
        Window = window;
        Limiter = new StandingRecorder(PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.Get(
            ClientKeys.Client(context),
            client => counters.FixedWindow("global", client, permitLimit, window))));
    }

    public int PermitLimit { get; }

    public TimeSpan Window { get; }

    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    private static readonly object RejectedKey = new();

    /// <summary>Whether this limit (not an endpoint's policy) refused the request.</summary>
    public static bool RejectedHere(HttpContext context) => context.Items.ContainsKey(RejectedKey);

    /// <summary>
    /// Tells the client where it stands: on every answer to a request the global limiter counted, a refusal (429, 413)
    /// included. A request it did not count (an endpoint without limits, a failure before the limiter) gets no headers.
    /// </summary>
    public static void WriteHeaders(HttpContext context)
    {
        if (context.Features.Get<RateLimitStanding>() is not { } standing
            || context.GetEndpoint()?.Metadata.GetMetadata<DisableRateLimitingAttribute>() is not null)
        {
            return;
        }

        var headers = context.Response.Headers;
        headers["X-RateLimit-Limit"] = standing.Limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = standing.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = Math.Ceiling(standing.Reset.TotalSeconds).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Keeps the global decision on the request (as a feature) for the headers.</summary>
    private sealed class StandingRecorder(PartitionedRateLimiter<HttpContext> inner) : PartitionedRateLimiter<HttpContext>
    {
        public override RateLimiterStatistics? GetStatistics(HttpContext resource) => inner.GetStatistics(resource);

        protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
            Record(resource, inner.AttemptAcquire(resource, permitCount));

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
            Record(resource, await inner.AcquireAsync(resource, permitCount, cancellationToken));

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        protected override async ValueTask DisposeAsyncCore()
        {
            await inner.DisposeAsync();
            await base.DisposeAsyncCore();
        }

        private static RateLimitLease Record(HttpContext context, RateLimitLease lease)
        {
            if (lease is StandingLease decided)
            {
                context.Features.Set(decided.Standing);
            }

            // The middleware asks twice when the first answer is no (AttemptAcquire, then AcquireAsync, which Redis can
            // only answer asynchronously): the last answer is the decision.
            if (lease.IsAcquired)
            {
                context.Items.Remove(RejectedKey);
            }
            else
            {
                context.Items[RejectedKey] = true;
            }

            return lease;
        }
    }
}
