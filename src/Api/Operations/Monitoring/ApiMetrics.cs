using System.Diagnostics.Metrics;

namespace CleanVisitors.Api.Operations.Monitoring;

/// <summary>
/// The API's own meters: requests the rate limits refused, by policy, and whether this instance is ready (its
/// readiness checks, evaluated every <see cref="ReadinessPublisher.Period"/> by <see cref="ReadinessPublisher"/>).
/// Requests themselves are measured by ASP.NET Core (<c>http.server.request.duration</c>).
/// </summary>
public sealed class ApiMetrics
{
    public const string MeterName = "CleanVisitors.Api";

    private readonly Counter<long> _rejections;
    private volatile int _ready = -1;

    public ApiMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _rejections = meter.CreateCounter<long>("cleanvisitors.rate_limit.rejections", "{request}", "Requests refused with 429 by a rate limit, by policy.");
        foreach (var policy in Policies)
        {
            Rejected(policy, 0); // every series from the start: Prometheus sees the first rejection as an increase
        }
        meter.CreateObservableGauge("cleanvisitors.ready", () => _ready < 0 ? Array.Empty<Measurement<int>>() : [new Measurement<int>(_ready)],
            "1", "1 while this instance's readiness checks pass (it takes traffic), else 0.");
    }

    /// <summary>The policies a rejection is counted by: the global limit, the strict one (login, refresh, approval links, cron), login per e-mail.</summary>
    public static readonly string[] Policies = ["global", "strict", "login-email"];

    public void Rejected(string policy, int count = 1) => _rejections.Add(count, new KeyValuePair<string, object?>("policy", policy));

    public void Readiness(bool ready) => _ready = ready ? 1 : 0;
}
