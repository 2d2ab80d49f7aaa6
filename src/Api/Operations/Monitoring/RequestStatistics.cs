namespace CleanVisitors.Api.Operations.Monitoring;

/// <summary>
/// The figures of the periodic performance report: counts, errors and durations per route. The request metrics at
/// <c>/metrics</c> are ASP.NET Core's own (<c>http.server.request.duration</c>, semantic conventions, seconds).
/// </summary>
public sealed class RequestStatistics
{
    private const int MaxSamples = 100_000;

    private readonly Lock _lock = new();
    private List<double> _samples = new(1024);
    private Dictionary<string, RouteFigures> _routes = new(StringComparer.Ordinal);
    private long _count;
    private long _errorCount;

    public void Record(string method, string route, int status, double elapsedMs)
    {
        var error = status >= 500;
        var key = method + " " + route;
        lock (_lock)
        {
            _count++;
            _errorCount += error ? 1 : 0;
            if (_samples.Count < MaxSamples)
            {
                _samples.Add(elapsedMs);
            }

            if (!_routes.TryGetValue(key, out var figures))
            {
                _routes[key] = figures = new RouteFigures();
            }

            figures.Count++;
            figures.TotalMs += elapsedMs;
            figures.MaxMs = Math.Max(figures.MaxMs, elapsedMs);
        }
    }

    /// <summary>Takes the figures gathered since the last call and starts a new interval.</summary>
    public PerformanceSnapshot TakeSnapshot()
    {
        List<double> samples;
        Dictionary<string, RouteFigures> routes;
        long count, errors;
        lock (_lock)
        {
            (samples, _samples) = (_samples, new List<double>(1024));
            (routes, _routes) = (_routes, new Dictionary<string, RouteFigures>(StringComparer.Ordinal));
            (count, errors) = (_count, _errorCount);
            (_count, _errorCount) = (0, 0);
        }

        samples.Sort();
        var slowest = routes
            .Select(r => new RouteSummary(r.Key, r.Value.Count, Math.Round(r.Value.TotalMs / r.Value.Count, 2), Math.Round(r.Value.MaxMs, 2)))
            .OrderByDescending(r => r.AverageMs)
            .Take(5)
            .ToList();
        return new PerformanceSnapshot(count, errors, count == 0 ? 0 : Math.Round(errors / (double)count, 4),
            Percentile(samples, 0.50), Percentile(samples, 0.95), Percentile(samples, 0.99), slowest);
    }

    internal static double Percentile(List<double> sorted, double quantile)
    {
        if (sorted.Count == 0)
        {
            return 0;
        }

        var index = (int)Math.Ceiling(quantile * sorted.Count) - 1;
        return Math.Round(sorted[Math.Clamp(index, 0, sorted.Count - 1)], 2);
    }

    private sealed class RouteFigures
    {
        public long Count { get; set; }

        public double TotalMs { get; set; }

        public double MaxMs { get; set; }
    }
}
