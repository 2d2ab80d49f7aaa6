using System.Text;
using System.Text.Json.Nodes;
using CleanVisitors.IntegrationTests.Infrastructure;
using static CleanVisitors.IntegrationTests.Operations.ObservabilityFiles;

namespace CleanVisitors.IntegrationTests.Operations;

/// <summary>
/// deploy/grafana (issue 12 §4): the dashboard is valid JSON whose every panel queries the provisioned Prometheus data
/// source with PromQL that Prometheus parses (promtool checks each query as a rule), uses only metrics the app exports,
/// and shows every one of them.
/// </summary>
public sealed class ObservabilityDashboardTests
{
    private static readonly string DashboardPath = Deploy("grafana", "dashboards", "cleanvisitors.json");

    [Fact]
    public void Datasource_IsTheComposePrometheus_WithTheUidTheDashboardUses()
    {
        var source = Assert.Single(Sequence(LoadYaml(Deploy("grafana", "provisioning", "datasources", "prometheus.yml")), "datasources"));

        Assert.Equal("prometheus", Text(source, "type"));
        Assert.Equal("http://prometheus:9090", Text(source, "url"));
        Assert.All(Targets(), target => Assert.Equal(Text(source, "uid"), target["datasource"]!["uid"]!.GetValue<string>()));
    }

    [Fact]
    public void EveryPanel_HasAPromQlQuery_AndAUniqueId()
    {
        var panels = Panels();

        Assert.NotEmpty(panels);
        Assert.Equal(panels.Count, panels.Select(p => p["id"]!.GetValue<int>()).Distinct().Count());
        Assert.All(panels.Where(p => p["type"]!.GetValue<string>() != "row"), panel =>
        {
            var targets = panel["targets"]!.AsArray();
            Assert.NotEmpty(targets);
            Assert.All(targets, target => Assert.False(string.IsNullOrWhiteSpace(target!["expr"]?.GetValue<string>()), $"panel {panel["title"]}: a target without expr"));
        });
    }

    [Fact]
    public async Task EveryQuery_IsPromQlThatPrometheusParses()
    {
        // Each query becomes a recording rule, Grafana's variables replaced by what they stand for.
        var rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        var number = 0;
        foreach (var expression in Expressions())
        {
            var promql = expression.Replace("$__rate_interval", "1m", StringComparison.Ordinal).Replace("$instance", ".*", StringComparison.Ordinal);
            rules.Append("      - record: dashboard:query_").Append(++number).Append('\n')
                .Append("        expr: '").Append(promql.Replace("'", "''", StringComparison.Ordinal)).Append("'\n");
        }

        var file = Path.Combine(Path.GetTempPath(), $"cv-dashboard-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(file, rules.ToString());
        try
        {
            var run = await ExternalTool.RunAsync(Promtool(), ["check", "rules", file], Path.GetTempPath(), ToolTimeout);

            Assert.True(run.ExitCode == 0, "promtool check rules (the dashboard's queries):\n" + run.All);
            Assert.Contains($"SUCCESS: {number} rules found", run.All, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Queries_UseOnlyExportedMetrics_AndShowEveryOne()
    {
        var used = Expressions().SelectMany(MetricNames).ToHashSet(StringComparer.Ordinal);

        var unknown = used.Where(name => !IsExported(name)).ToList();
        Assert.True(unknown.Count == 0, "the dashboard queries metrics the app does not export: " + string.Join(", ", unknown));
        var shown = used.Select(BaseName).ToHashSet(StringComparer.Ordinal);
        var missing = ExportedMetrics.Names.Where(name => !shown.Contains(name)).ToList();
        Assert.True(missing.Count == 0, "the dashboard shows nothing of: " + string.Join(", ", missing));
    }

    private static JsonNode Dashboard() => JsonNode.Parse(File.ReadAllText(DashboardPath))!;

    private static List<JsonNode> Panels() =>
        Dashboard()["panels"]!.AsArray()
            .SelectMany(panel => new[] { panel! }.Concat(panel!["panels"]?.AsArray().Select(p => p!) ?? []))
            .ToList();

    private static List<JsonNode> Targets() => Panels().SelectMany(p => p["targets"]?.AsArray().Select(t => t!) ?? []).ToList();

    /// <summary>Every panel's queries and the template variables' queries.</summary>
    private static List<string> Expressions() =>
        Targets().Select(t => t["expr"]!.GetValue<string>())
            .Concat(Dashboard()["templating"]!["list"]!.AsArray().Select(v => v!["definition"]!.GetValue<string>()).Where(q => !q.StartsWith("label_values", StringComparison.Ordinal)))
            .Concat(Dashboard()["templating"]!["list"]!.AsArray().Select(v => v!["definition"]!.GetValue<string>()).Where(q => q.StartsWith("label_values(", StringComparison.Ordinal)).Select(q => q["label_values(".Length..q.LastIndexOf(',')]))
            .ToList();
}
