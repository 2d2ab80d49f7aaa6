using System.Text.RegularExpressions;
using CleanVisitors.IntegrationTests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace CleanVisitors.IntegrationTests.Operations;

/// <summary>
/// What the observability tests share (issue 12 §4–5): where Debian's promtool and amtool are, reading the committed
/// YAML files, and the metric names a PromQL expression uses.
/// </summary>
internal static partial class ObservabilityFiles
{
    /// <summary>
    /// Bounds a hang only: promtool's rule tests evaluate hours of series, and took over a minute of a 2-core machine while
    /// the other test collections ran beside them.
    /// </summary>
    public static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(5);

    /// <summary>PromQL words that look like a metric name but are not one.</summary>
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "unless", "offset", "bool", "by", "without", "on", "ignoring", "group_left", "group_right", "inf", "nan", "Inf", "NaN",
    };

    private static readonly string[] HistogramSuffixes = ["_bucket", "_sum", "_count"];

    /// <summary>promtool from Debian's <c>prometheus</c> package (test.sh installs it).</summary>
    public static string Promtool() => ExternalTool.Require("promtool", "prometheus");

    /// <summary>amtool from Debian's <c>prometheus-alertmanager</c> package (test.sh installs it).</summary>
    public static string Amtool() => ExternalTool.Require("amtool", "prometheus-alertmanager");

    public static string Deploy(params string[] parts) => Repository.PathOf(["deploy", .. parts]);

    public static YamlMappingNode LoadYaml(string path)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(path);
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    public static YamlMappingNode Mapping(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node)[key];

    public static YamlSequenceNode Sequence(YamlNode node, string key) => (YamlSequenceNode)((YamlMappingNode)node)[key];

    public static string Text(YamlNode node, string key) => ((YamlScalarNode)((YamlMappingNode)node)[key]).Value ?? "";

    public static bool Has(YamlNode node, string key) => ((YamlMappingNode)node).Children.ContainsKey(key);

    /// <summary>Every alerting rule of deploy/prometheus/alerts.yml.</summary>
    public static IReadOnlyList<YamlMappingNode> AlertRules() =>
        Sequence(LoadYaml(Deploy("prometheus", "alerts.yml")), "groups")
            .SelectMany(group => Sequence(group, "rules"))
            .Cast<YamlMappingNode>()
            .Where(rule => Has(rule, "alert"))
            .ToList();

    /// <summary>
    /// The metric names a PromQL expression selects: string literals, label matchers, ranges, grouping clauses and
    /// Grafana variables are removed first; what is left that is not a function, an aggregation or a keyword is a name.
    /// </summary>
    public static IReadOnlySet<string> MetricNames(string expression)
    {
        var text = StringLiteral().Replace(expression, " ");
        text = GrafanaVariable().Replace(text, " ");
        text = LabelMatchers().Replace(text, " ");
        text = Range().Replace(text, " ");
        text = Grouping().Replace(text, " ");
        return Identifier().Matches(text)
            .Where(m => !m.Groups["call"].Success && !Keywords.Contains(m.Groups["name"].Value))
            .Select(m => m.Groups["name"].Value)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Whether the app exports <paramref name="name"/>: one of <see cref="ExportedMetrics.Names"/>, a histogram's series, or <c>up</c>.</summary>
    public static bool IsExported(string name) =>
        name == "up"
        || ExportedMetrics.Names.Contains(name)
        || HistogramSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.Ordinal) && ExportedMetrics.Histograms.Contains(name[..^suffix.Length]));

    /// <summary>The exported name (a histogram by its base name) that <paramref name="name"/> selects.</summary>
    public static string BaseName(string name) =>
        HistogramSuffixes.Where(suffix => name.EndsWith(suffix, StringComparison.Ordinal) && ExportedMetrics.Histograms.Contains(name[..^suffix.Length]))
            .Select(suffix => name[..^suffix.Length])
            .FirstOrDefault() ?? name;

    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""|'(?:[^'\\]|\\.)*'|`[^`]*`")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\$\{[^}]*\}|\$\w+")]
    private static partial Regex GrafanaVariable();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Range();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"(?<![\w.:])(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<call>\s*\()?")]
    private static partial Regex Identifier();
}
