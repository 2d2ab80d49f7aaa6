namespace CleanVisitors.Api.Operations.Monitoring;

public sealed record RouteSummary(string Route, long Count, double AverageMs, double MaxMs);
