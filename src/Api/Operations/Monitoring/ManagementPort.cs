using CleanVisitors.Api.Configuration;
using CleanVisitors.Api.Operations.Health;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Api.Operations.Monitoring;

/// <summary>
/// <c>/metrics</c> on <c>MANAGEMENT_PORT</c> only, never on the public API port (contract, Operations): the scrape shows
/// routes, status counts, exception types and versions, for the operator's Prometheus, not for anyone who can reach the
/// API. The management port serves the metrics and the health endpoints and nothing else. The port a request came in on
/// is the connection's local port (a <c>Host</c> header can be anything).
/// </summary>
public sealed class ManagementPort(RequestDelegate next, IOptions<ServerOptions> options)
{
    public const string MetricsPath = "/metrics";

    private readonly int _port = options.Value.ManagementPort;

    /// <summary>The operator's paths, the metrics and the health endpoints: what the management port serves.</summary>
    public static bool IsOperational(PathString path) =>
        path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(HealthSetup.BasePath, StringComparison.OrdinalIgnoreCase);

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var onManagementPort = context.Connection.LocalPort == _port;
        var allowed = onManagementPort
            ? IsOperational(path)
            : !path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase);
        if (allowed)
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
