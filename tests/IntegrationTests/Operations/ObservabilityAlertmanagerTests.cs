using CleanVisitors.IntegrationTests.Infrastructure;
using YamlDotNet.RepresentationModel;
using static CleanVisitors.IntegrationTests.Operations.ObservabilityFiles;

namespace CleanVisitors.IntegrationTests.Operations;

/// <summary>
/// deploy/alertmanager (issue 12 §4): the configuration the container renders at start (render-config.sh, from the
/// template and the ALERTMANAGER_* variables) passes <c>amtool check-config</c> with every channel set and with none,
/// keeps every value as it was given, and routes critical alerts to Slack and e-mail, warnings to Slack.
/// </summary>
public sealed class ObservabilityAlertmanagerTests
{
    private const string Password = "p\"a\\ss$w&o|r#d 'x é";

    private static readonly Dictionary<string, string> Everything = new(StringComparer.Ordinal)
    {
        ["ALERTMANAGER_SLACK_WEBHOOK_URL"] = "https://hooks.slack.com/services/T0000/B0000/XXXXXXXX",
        ["ALERTMANAGER_SMTP_SMARTHOST"] = "smtp.example.com:587",
        ["ALERTMANAGER_SMTP_FROM"] = "alerts@example.com",
        ["ALERTMANAGER_SMTP_TO"] = "ops@example.com, oncall@example.com",
        ["ALERTMANAGER_SMTP_USERNAME"] = "alerts@example.com",
        ["ALERTMANAGER_SMTP_PASSWORD"] = Password,
    };

    [Fact]
    public async Task Rendered_WithSlackAndSmtp_PassesAmtool_AndKeepsEveryValue()
    {
        using var rendered = await RenderAsync(Everything);

        await AssertValidAsync(rendered.Path);
        var config = LoadYaml(rendered.Path);
        var global = Mapping(config, "global");
        Assert.Equal(Everything["ALERTMANAGER_SLACK_WEBHOOK_URL"], Text(global, "slack_api_url"));
        Assert.Equal(Everything["ALERTMANAGER_SMTP_SMARTHOST"], Text(global, "smtp_smarthost"));
        Assert.Equal(Everything["ALERTMANAGER_SMTP_FROM"], Text(global, "smtp_from"));
        Assert.Equal(Everything["ALERTMANAGER_SMTP_USERNAME"], Text(global, "smtp_auth_username"));
        Assert.Equal(Password, Text(global, "smtp_auth_password"));
        var critical = Receiver(config, "slack-and-email");
        Assert.Equal(Everything["ALERTMANAGER_SMTP_TO"], Text(Assert.Single(Sequence(critical, "email_configs")), "to"));
        Assert.Single(Sequence(critical, "slack_configs"));
        Assert.Single(Sequence(Receiver(config, "slack"), "slack_configs"));
        Assert.False(Has(Receiver(config, "slack"), "email_configs"));
    }

    [Fact]
    public async Task Rendered_WithNothingSet_PassesAmtool_WithEmptyReceivers_AndSaysSo()
    {
        using var rendered = await RenderAsync(new Dictionary<string, string>(StringComparer.Ordinal));

        await AssertValidAsync(rendered.Path);
        var config = LoadYaml(rendered.Path);
        Assert.All(Sequence(config, "receivers"), receiver => Assert.Equal(["name"], ((YamlMappingNode)receiver).Children.Keys.Select(k => k.ToString())));
        Assert.False(Has(Mapping(config, "global"), "smtp_smarthost"));
        Assert.Contains("ALERTMANAGER_SLACK_WEBHOOK_URL is not set", rendered.Log, StringComparison.Ordinal);
        Assert.Contains("critical alerts are not e-mailed", rendered.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rendered_WithSmtpWithoutAuthentication_LeavesTheCredentialsOut()
    {
        var settings = new Dictionary<string, string>(Everything, StringComparer.Ordinal);
        settings.Remove("ALERTMANAGER_SMTP_USERNAME");
        settings.Remove("ALERTMANAGER_SMTP_PASSWORD");

        using var rendered = await RenderAsync(settings);

        await AssertValidAsync(rendered.Path);
        var global = Mapping(LoadYaml(rendered.Path), "global");
        Assert.Equal("smtp.example.com:587", Text(global, "smtp_smarthost"));
        Assert.False(Has(global, "smtp_auth_username"));
        Assert.False(Has(global, "smtp_auth_password"));
    }

    [Fact]
    public async Task Rendering_RefusesAValueWithALineBreak()
    {
        var settings = new Dictionary<string, string>(Everything, StringComparer.Ordinal) { ["ALERTMANAGER_SMTP_PASSWORD"] = "a\nsmtp_from: evil@example.com" };
        var output = Path.Combine(Path.GetTempPath(), $"cv-am-{Guid.NewGuid():N}.yml");

        var run = await RunRenderAsync(settings, output);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("ALERTMANAGER_SMTP_PASSWORD contains a line break", run.All, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("severity=critical", "slack-and-email")]
    [InlineData("severity=warning", "slack")]
    public async Task Routes_BySeverity(string label, string receiver)
    {
        using var rendered = await RenderAsync(Everything);

        var run = await ExternalTool.RunAsync(
            Amtool(), ["config", "routes", "test", $"--config.file={rendered.Path}", $"--verify.receivers={receiver}", "alertname=CleanVisitorsOutboxStale", "job=cleanvisitors-api", label],
            Path.GetTempPath(), ToolTimeout);

        Assert.True(run.ExitCode == 0, $"amtool config routes test {label}: expected {receiver}:\n" + run.All);
    }

    [Fact]
    public async Task Inhibition_TheCriticalFormSilencesTheWarning_AndUnavailabilitySilencesItsConsequences()
    {
        using var rendered = await RenderAsync(Everything);
        var rules = Sequence(LoadYaml(rendered.Path), "inhibit_rules").Cast<YamlMappingNode>().ToList();

        var bySeverity = Assert.Single(rules, r => Sequence(r, "source_matchers").Select(m => m.ToString()).SequenceEqual(["severity=\"critical\""]));
        Assert.Equal(["severity=\"warning\""], Sequence(bySeverity, "target_matchers").Select(m => m.ToString()));
        // Same alert, same thing: never a critical outbox alert silencing a warning about a job.
        Assert.Contains("alertname", Sequence(bySeverity, "equal").Select(m => m.ToString()));
        var unavailable = Assert.Single(rules, r => Sequence(r, "source_matchers").Select(m => m.ToString()).SequenceEqual(["alertname=\"CleanVisitorsUnavailable\""]));
        Assert.Equal(["job"], Sequence(unavailable, "equal").Select(m => m.ToString()));
        // Every name an inhibition rule mentions is an alert of alerts.yml.
        var alerts = AlertRules().Select(r => Text(r, "alert")).ToHashSet(StringComparer.Ordinal);
        var named = rules.SelectMany(r => Sequence(r, "source_matchers").Concat(Sequence(r, "target_matchers")))
            .Select(m => m.ToString())
            .Where(m => m.StartsWith("alertname=\"", StringComparison.Ordinal))
            .Select(m => m["alertname=\"".Length..^1]);
        Assert.All(named, name => Assert.Contains(name, alerts));
    }

    private static async Task AssertValidAsync(string path)
    {
        var run = await ExternalTool.RunAsync(Amtool(), ["check-config", path], Path.GetTempPath(), ToolTimeout);
        Assert.True(run.ExitCode == 0, "amtool check-config:\n" + run.All + "\n" + await File.ReadAllTextAsync(path));
    }

    private static YamlMappingNode Receiver(YamlMappingNode config, string name) =>
        (YamlMappingNode)Assert.Single(Sequence(config, "receivers"), r => Text(r, "name") == name);

    private static async Task<Rendered> RenderAsync(IReadOnlyDictionary<string, string> settings)
    {
        var output = Path.Combine(Path.GetTempPath(), $"cv-am-{Guid.NewGuid():N}.yml");
        var run = await RunRenderAsync(settings, output);
        Assert.True(run.ExitCode == 0, "render-config.sh:\n" + run.All);
        return new Rendered(output, run.All);
    }

    /// <summary>The container's entry point, run by <c>/bin/sh</c> with only the given variables (no "--": it renders and stops).</summary>
    private static Task<ToolRun> RunRenderAsync(IReadOnlyDictionary<string, string> settings, string output)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in Everything.Keys)
        {
            environment[key] = settings.GetValueOrDefault(key, "");
        }

        return ExternalTool.RunAsync(
            "/bin/sh", [Deploy("alertmanager", "render-config.sh"), Deploy("alertmanager", "alertmanager.yml.tmpl"), output],
            Path.GetTempPath(), ToolTimeout, environment: environment);
    }

    private sealed record Rendered(string Path, string Log) : IDisposable
    {
        public void Dispose() => File.Delete(Path);
    }
}
