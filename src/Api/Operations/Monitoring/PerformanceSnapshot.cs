namespace CleanVisitors.Api.Operations.Monitoring;

public sealed record PerformanceSnapshot(long Requests, long Errors, double ErrorRate, double P50Ms, double P95Ms, double P99Ms, IReadOnlyList<RouteSummary> SlowestRoutes);
