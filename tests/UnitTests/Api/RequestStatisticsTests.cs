
using CleanVisitors.Api.Operations.Monitoring;

namespace CleanVisitors.UnitTests.Api;

public sealed class RequestStatisticsTests
{
    private readonly RequestStatistics _statistics = new();

    [Fact]
    public void TakeSnapshot_ComputesNearestRankPercentiles()
    {
        // 1 … 100 ms in a scrambled order.
        foreach (var ms in Enumerable.Range(1, 100).OrderBy(i => (i * 37) % 101))
        {
            _statistics.Record("GET", "/api/visits", 200, ms);
        }

        var snapshot = _statistics.TakeSnapshot();

        Assert.Equal(100, snapshot.Requests);
        Assert.Equal(50, snapshot.P50Ms);
        Assert.Equal(95, snapshot.P95Ms);
        Assert.Equal(99, snapshot.P99Ms);
    }

    [Fact]
    public void TakeSnapshot_CountsOnly5xxAsErrors()
    {
        for (var i = 0; i < 16; i++)
        {
            _statistics.Record("GET", "/api/visits", 200, 5);
        }

        _statistics.Record("GET", "/api/visits/{id}", 404, 5);
        _statistics.Record("GET", "/api/visits", 500, 5);
        _statistics.Record("GET", "/api/visits", 503, 5);
        _statistics.Record("POST", "/api/visits", 500, 5);

        var snapshot = _statistics.TakeSnapshot();

        Assert.Equal(20, snapshot.Requests);
        Assert.Equal(3, snapshot.Errors);
        Assert.Equal(0.15, snapshot.ErrorRate);
    }

    [Fact]
    public void TakeSnapshot_ListsTheFiveSlowestRoutesByAverage_SlowestFirst()
    {
        // Seven routes; route N averages N * 10 ms over two requests (N * 10 - 5 and N * 10 + 5).
        foreach (var n in new[] { 3, 7, 1, 5, 2, 6, 4 })
        {
            _statistics.Record("GET", $"/route{n}", 200, (n * 10) - 5);
            _statistics.Record("GET", $"/route{n}", 200, (n * 10) + 5);
        }

        var slowest = _statistics.TakeSnapshot().SlowestRoutes;

        Assert.Equal(["GET /route7", "GET /route6", "GET /route5", "GET /route4", "GET /route3"], slowest.Select(r => r.Route));
        Assert.Equal(new RouteSummary("GET /route7", 2, 70, 75), slowest[0]);
    }

    [Fact]
    public void TakeSnapshot_StartsANewInterval()
    {
        _statistics.Record("GET", "/api/visits", 500, 12);
        _statistics.TakeSnapshot();

        var next = _statistics.TakeSnapshot();

        Assert.Equal(0, next.Requests);
        Assert.Equal(0, next.ErrorRate);
        Assert.Equal(0, next.P99Ms);
        Assert.Empty(next.SlowestRoutes);
    }
}
