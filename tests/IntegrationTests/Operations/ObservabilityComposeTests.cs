using System.Text.RegularExpressions;
using CleanVisitors.IntegrationTests.Infrastructure;
using YamlDotNet.RepresentationModel;
using static CleanVisitors.IntegrationTests.Operations.ObservabilityFiles;

namespace CleanVisitors.IntegrationTests.Operations;

/// <summary>
/// docker-compose.yml's observability profile (issue 12 §5): Prometheus, Alertmanager, Grafana, an OpenTelemetry
/// Collector and Jaeger, only with <c>--profile observability</c>; every file they mount is in the repository; the API
/// replicas send OTLP to the collector with nothing else set; UIs on 127.0.0.1 only; no committed secret.
/// </summary>
public sealed partial class ObservabilityComposeTests
{
    private static readonly string[] Replicas = ["api-1", "api-2"];
    private static readonly string[] ProfileServices = ["alertmanager", "grafana", "jaeger", "otel-collector", "prometheus"];
    private static readonly string[] Profile = ["observability"];

    [Fact]
    public void Profile_AddsTheObservabilityServices_AndOnlyThem()
    {
        var services = Services();

        var profiled = services.Children.Where(s => Has(s.Value, "profiles")).Select(s => s.Key.ToString()).Order(StringComparer.Ordinal);
        Assert.Equal(ProfileServices, profiled);
        Assert.All(ProfileServices, name => Assert.Equal(Profile, Sequence(services[name], "profiles").Select(p => p.ToString())));
        // Plain `docker compose up` starts what it started before.
        Assert.Equal(["api-1", "api-2", "postgres", "proxy", "rabbitmq", "redis"], services.Children.Where(s => !Has(s.Value, "profiles")).Select(s => s.Key.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ProfileImages_ArePinnedToAVersion()
    {
        var services = Services();

        Assert.All(ProfileServices, name =>
        {
            var image = Text(services[name], "image");
            Assert.Matches(PinnedImage(), image);
        });
    }

    [Fact]
    public void EveryMountedFile_IsInTheRepository_AndReadOnly()
    {
        var services = Services();

        foreach (var name in ProfileServices)
        {
            var binds = Has(services[name], "volumes") ? Sequence(services[name], "volumes").Select(v => v.ToString()).Where(v => v.StartsWith("./", StringComparison.Ordinal)).ToList() : [];
            foreach (var bind in binds)
            {
                var parts = bind.Split(':');
                var source = Repository.PathOf(parts[0][2..].Split('/'));
                Assert.True(File.Exists(source) || Directory.Exists(source), $"{name} mounts {parts[0]}, which is not in the repository");
                Assert.Equal("ro", parts[^1]);
            }
        }

        Assert.Contains("./deploy/prometheus:/etc/prometheus:ro", Volumes(services, "prometheus"));
        Assert.Contains("./deploy/otel-collector/config.yaml:/etc/otelcol/config.yaml:ro", Volumes(services, "otel-collector"));
        Assert.Contains("--config=/etc/otelcol/config.yaml", Sequence(services["otel-collector"], "command").Select(c => c.ToString()));
        Assert.Contains("--config.file=/etc/prometheus/prometheus.yml", Sequence(services["prometheus"], "command").Select(c => c.ToString()));
    }

    [Fact]
    public void Alertmanager_RendersItsConfigurationFromTheEnvironment_AtStart()
    {
        var alertmanager = Services()["alertmanager"];

        Assert.Contains("./deploy/alertmanager:/etc/alertmanager/source:ro", Volumes(Services(), "alertmanager"));
        var entrypoint = Sequence(alertmanager, "entrypoint").Select(e => e.ToString()).ToList();
        Assert.Equal(["/bin/sh", "/etc/alertmanager/source/render-config.sh", "/etc/alertmanager/source/alertmanager.yml.tmpl", "/etc/alertmanager/alertmanager.yml", "--"], entrypoint);
        Assert.True(File.Exists(Deploy("alertmanager", "render-config.sh")));
        Assert.True(File.Exists(Deploy("alertmanager", "alertmanager.yml.tmpl")));
        var environment = Environment(alertmanager);
        foreach (var name in new[] { "SLACK_WEBHOOK_URL", "SMTP_SMARTHOST", "SMTP_FROM", "SMTP_TO", "SMTP_USERNAME", "SMTP_PASSWORD" })
        {
            // Passed on from .env or the environment, never a committed value.
            Assert.Equal($"${{ALERTMANAGER_{name}:-}}", environment[$"ALERTMANAGER_{name}"]);
        }
    }

    [Fact]
    public void Grafana_TakesItsAdminPasswordFromTheEnvironment_AndRefusesToStartWithout()
    {
        var grafana = Services()["grafana"];

        var environment = Environment(grafana);
        Assert.Equal("${GRAFANA_ADMIN_PASSWORD:-}", environment["GF_SECURITY_ADMIN_PASSWORD"]);
        Assert.Equal("false", environment["GF_USERS_ALLOW_SIGN_UP"]);
        var script = Sequence(grafana, "entrypoint").Select(e => e.ToString()).ToList();
        Assert.Equal(["/bin/sh", "-c"], script.Take(2));
        Assert.Contains("if [ -z \"$${GF_SECURITY_ADMIN_PASSWORD}\" ]", script[2], StringComparison.Ordinal);
        Assert.Contains("exit 1", script[2], StringComparison.Ordinal);
        Assert.Contains("exec /run.sh", script[2], StringComparison.Ordinal);
        Assert.Contains("./deploy/grafana/provisioning:/etc/grafana/provisioning:ro", Volumes(Services(), "grafana"));
        Assert.Contains("./deploy/grafana/dashboards:/etc/grafana/dashboards:ro", Volumes(Services(), "grafana"));
        Assert.Equal(
            "/etc/grafana/dashboards",
            Text(Mapping(Assert.Single(Sequence(LoadYaml(Deploy("grafana", "provisioning", "dashboards", "cleanvisitors.yml")), "providers")), "options"), "path"));
    }

    [Fact]
    public void Published_AreTheUis_OnThisMachineOnly_AndNothingElse()
    {
        var services = Services();
        var expected = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["prometheus"] = "127.0.0.1:9090:9090",
            ["alertmanager"] = "127.0.0.1:9093:9093",
            ["grafana"] = "127.0.0.1:3000:3000",
            ["jaeger"] = "127.0.0.1:16686:16686",
        };

        foreach (var name in ProfileServices)
        {
            if (expected.TryGetValue(name, out var port))
            {
                Assert.Equal(port, Assert.Single(Sequence(services[name], "ports")).ToString());
            }
            else
            {
                Assert.False(Has(services[name], "ports"), $"{name} is published");
            }

            Assert.Equal(["backend"], Sequence(services[name], "networks").Select(n => n.ToString()));
        }
    }

    [Fact]
    public void ApiReplicas_SendOtlpToTheCollector_WithNothingElseSet()
    {
        var collector = LoadYaml(Deploy("otel-collector", "config.yaml"));
        var http = Text(Mapping(Mapping(Mapping(Mapping(collector, "receivers"), "otlp"), "protocols"), "http"), "endpoint");

        foreach (var replica in Replicas)
        {
            var environment = ReplicaEnvironment(replica);
            var endpoint = new Uri(environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
            Assert.Equal("otel-collector", endpoint.Host);
            // The collector's OTLP/HTTP port, with the protocol that port speaks.
            Assert.Equal(http.Split(':')[^1], endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("http/protobuf", environment["OTEL_EXPORTER_OTLP_PROTOCOL"]);
            Assert.Equal("cleanvisitors-api", environment["OTEL_SERVICE_NAME"]);
        }

        // Each can still be set from .env.
        var raw = Environment(Services()["api-1"]);
        Assert.Equal("${OTEL_EXPORTER_OTLP_ENDPOINT:-http://otel-collector:4318}", raw["OTEL_EXPORTER_OTLP_ENDPOINT"]);
    }

    [Fact]
    public void NoCommittedSecret_InTheProfile()
    {
        var services = Services();

        foreach (var name in ProfileServices.Where(n => Has(services[n], "environment")))
        {
            foreach (var (key, value) in Environment(services[name]))
            {
                if (SecretName().IsMatch(key))
                {
                    Assert.Matches(@"^\$\{[A-Z0-9_]+:-\}$", value);
                }
            }
        }
    }

    /// <summary>A replica's environment as compose sets it without a .env (<c>${VAR:-default}</c> → default).</summary>
    internal static Dictionary<string, string> ReplicaEnvironment(string replica) =>
        Environment(Services()[replica]).ToDictionary(pair => pair.Key, pair => Interpolation().Replace(pair.Value, m => m.Groups["default"].Value), StringComparer.Ordinal);

    private static YamlMappingNode Services() => Mapping(LoadYaml(Repository.PathOf("docker-compose.yml")), "services");

    private static List<string> Volumes(YamlMappingNode services, string name) => Sequence(services[name], "volumes").Select(v => v.ToString()).ToList();

    private static Dictionary<string, string> Environment(YamlNode service) =>
        Mapping(service, "environment").Children.ToDictionary(pair => pair.Key.ToString(), pair => pair.Value.ToString(), StringComparer.Ordinal);

    [GeneratedRegex(@"\$\{[A-Z0-9_]+(:-(?<default>[^}]*))?\}")]
    private static partial Regex Interpolation();

    /// <summary>An image with a tag that names a version (digits), never <c>latest</c> or a bare name.</summary>
    [GeneratedRegex(@"^[a-z0-9./-]+:v?\d+\.\d+\.\d+$")]
    private static partial Regex PinnedImage();

    [GeneratedRegex("PASSWORD|SECRET|TOKEN|WEBHOOK")]
    private static partial Regex SecretName();
}
