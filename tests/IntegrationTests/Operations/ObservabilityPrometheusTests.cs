using CleanVisitors.IntegrationTests.Infrastructure;
using YamlDotNet.RepresentationModel;
using static CleanVisitors.IntegrationTests.Operations.ObservabilityFiles;

namespace CleanVisitors.IntegrationTests.Operations;

/// <summary>
/// deploy/prometheus (issue 12 §4): the configuration and the alert rules pass promtool's own checks, the rules' unit
/// tests (alerts.test.yml) pass <c>promtool test rules</c> and cover every alert both firing and silent, and the rules
/// use only metrics the app exports.
/// </summary>
public sealed class ObservabilityPrometheusTests
{
    private static readonly string[] Replicas = ["api-1", "api-2"];
    private static readonly string[] Severities = ["critical", "warning"];
    private static readonly string[] Annotations = ["summary", "description", "runbook_url"];

    [Fact]
    public async Task Configuration_PassesPromtoolCheckConfig()
    {
        var run = await PromtoolAsync("check", "config", "prometheus.yml");

        Assert.True(run.ExitCode == 0, "promtool check config prometheus.yml:\n" + run.All);
    }

    [Fact]
    public async Task Rules_PassPromtoolCheckRules()
    {
        var run = await PromtoolAsync("check", "rules", "alerts.yml");

        Assert.True(run.ExitCode == 0, "promtool check rules alerts.yml:\n" + run.All);
        Assert.Contains($"SUCCESS: {AlertRules().Count} rules found", run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rules_PassTheirUnitTests()
    {
        var run = await PromtoolAsync("test", "rules", "alerts.test.yml");

        Assert.True(run.ExitCode == 0, "promtool test rules alerts.test.yml:\n" + run.All);
        Assert.Contains("SUCCESS", run.All, StringComparison.Ordinal);
    }

    [Fact]
    public void Configuration_ScrapesEveryReplicasManagementPort_EvaluatesTheRules_AndAlertsAlertmanager()
    {
        var config = LoadYaml(Deploy("prometheus", "prometheus.yml"));

        Assert.Equal(["alerts.yml"], Sequence(config, "rule_files").Select(n => n.ToString()));
        var alertmanagers = Sequence(Mapping(config, "alerting"), "alertmanagers");
        Assert.Equal(["alertmanager:9093"], alertmanagers.SelectMany(a => Sequence(a, "static_configs")).SelectMany(s => Sequence(s, "targets")).Select(t => t.ToString()));

        var api = Assert.Single(Sequence(config, "scrape_configs"), job => Text(job, "job_name") == "cleanvisitors-api");
        Assert.Equal("/metrics", Text(api, "metrics_path"));
        var targets = Sequence(api, "static_configs").SelectMany(s => Sequence(s, "targets")).Select(t => t.ToString()).ToList();
        // docker-compose.yml's replicas, on the MANAGEMENT_PORT they are given there (the app's default, 9464).
        Assert.Equal(Replicas.Select(r => $"{r}:9464"), targets);
        var services = Mapping(LoadYaml(Repository.PathOf("docker-compose.yml")), "services");
        Assert.All(Replicas, replica => Assert.Equal("9464", Text(Mapping(services[replica], "environment"), "MANAGEMENT_PORT")));
    }

    [Fact]
    public void EveryAlert_HasASeverity_TheAnnotationsOperatorsNeed_AndSelectsTheApisJob()
    {
        var rules = AlertRules();

        Assert.NotEmpty(rules);
        Assert.All(rules, rule =>
        {
            var name = Text(rule, "alert");
            Assert.StartsWith("CleanVisitors", name, StringComparison.Ordinal);
            Assert.Contains(Text(Mapping(rule, "labels"), "severity"), Severities);
            var annotations = Mapping(rule, "annotations");
            Assert.All(Annotations, key => Assert.False(string.IsNullOrWhiteSpace(Text(annotations, key)), $"{name}: annotation {key}"));
            Assert.Equal("README.md#operating-it", Text(annotations, "runbook_url"));
            // The scrape job of the API, so the rules never match another service's http_server_* series.
            Assert.Contains("job=\"cleanvisitors-api\"", Text(rule, "expr"), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void EveryAlert_FiresInSomeUnitTest_AtEachOfItsSeverities_AndStaysSilentInAnother()
    {
        var tests = Sequence(LoadYaml(Deploy("prometheus", "alerts.test.yml")), "tests")
            .SelectMany(test => Sequence(test, "alert_rule_test"))
            .Cast<YamlMappingNode>()
            .ToList();

        foreach (var group in AlertRules().GroupBy(rule => Text(rule, "alert"), StringComparer.Ordinal))
        {
            var cases = tests.Where(t => Text(t, "alertname") == group.Key).ToList();
            var fired = cases.SelectMany(t => Sequence(t, "exp_alerts")).ToList();
            Assert.True(cases.Any(t => Sequence(t, "exp_alerts").Children.Count == 0), $"{group.Key}: no case where it stays silent");
            foreach (var severity in group.Select(rule => Text(Mapping(rule, "labels"), "severity")))
            {
                var firing = fired.Where(a => Text(Mapping(a, "exp_labels"), "severity") == severity).ToList();
                Assert.True(firing.Count > 0, $"{group.Key} ({severity}): no case where it fires");
                // Each expected alert names its annotations, so promtool compares them too.
                Assert.All(firing, a => Assert.Equal(Annotations.Order(StringComparer.Ordinal), Mapping(a, "exp_annotations").Children.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal)));
            }
        }
    }

    [Fact]
    public async Task RunbookUrl_IsTheReadmeSection_WhichExplainsEveryAlert()
    {
        var readme = await File.ReadAllTextAsync(Repository.PathOf("README.md"));

        // GitHub's anchor of "## Operating it" is #operating-it.
        var start = readme.IndexOf("\n## Operating it\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no \"## Operating it\" section");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = readme[start..(end < 0 ? readme.Length : end)];
        foreach (var name in AlertRules().Select(rule => Text(rule, "alert")).Distinct(StringComparer.Ordinal))
        {
            Assert.Contains($"| `{name}` |", section, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Rules_UseOnlyExportedMetrics()
    {
        var used = AlertRules().SelectMany(rule => MetricNames(Text(rule, "expr"))).ToHashSet(StringComparer.Ordinal);

        var unknown = used.Where(name => !IsExported(name)).ToList();
        Assert.True(unknown.Count == 0, "alerts.yml uses metrics the app does not export: " + string.Join(", ", unknown));
        // The alerts cover what the issue lists: requests, readiness, the outbox, notifications, jobs, memory.
        foreach (var name in new[]
        {
            "http_server_request_duration_seconds_count", "http_server_request_duration_seconds_bucket", "up", "cleanvisitors_ready",
            "cleanvisitors_outbox_backlog", "cleanvisitors_outbox_oldest_age_seconds", "cleanvisitors_notifications_failed_total",
            "cleanvisitors_notifications_dead_lettered_total", "cleanvisitors_job_runs_total", "cleanvisitors_job_last_success_time_seconds",
            "dotnet_gc_last_collection_heap_size_bytes",
        })
        {
            Assert.Contains(name, used);
        }
    }

    [Fact]
    public void MetricNames_FindsTheSelectedNames_AndNothingElse()
    {
        var names = MetricNames(
            """
            histogram_quantile(0.99, sum by (job, le) (rate(a_seconds_bucket{job="x", route=~"/health.*|y"}[5m])))
              > 1 and on (job) count by (job) (b_total offset 1h) unless ignoring (instance) absent(up{job="x"})
              or deriv(sum without (gen) (c_bytes)[1h:1m]) * 3600 > 50 * 1024 * 1e3
              or rate(d_total[$__rate_interval]) > bool 0 or label_replace(e, "a", "$1", "b", "(.*)") or max by (instance) (f{instance=~"$instance"})
            """);

        Assert.Equal(["a_seconds_bucket", "b_total", "c_bytes", "d_total", "e", "f", "up"], names.Order(StringComparer.Ordinal));
        Assert.True(IsExported("cleanvisitors_job_duration_seconds_bucket"));
        Assert.False(IsExported("cleanvisitors_ready_bucket"));
        Assert.False(IsExported("cleanvisitors_http_duration_milliseconds_bucket"));
        Assert.Subset(ExportedMetrics.Names.ToHashSet(StringComparer.Ordinal), ExportedMetrics.Histograms.ToHashSet(StringComparer.Ordinal));
    }

    private static Task<ToolRun> PromtoolAsync(params string[] arguments) =>
        ExternalTool.RunAsync(Promtool(), arguments, Deploy("prometheus"), ToolTimeout);
}
