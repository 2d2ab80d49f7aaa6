using System.Net;
using System.Text.RegularExpressions;
using CleanVisitors.Api.Configuration;
using CleanVisitors.Api.RateLimiting;
using CleanVisitors.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Configuration;
using YamlDotNet.RepresentationModel;

namespace CleanVisitors.IntegrationTests.Operations;

/// <summary>
/// docker-compose.yml (issue 11 §4): Redis, two API replicas and HAProxy in front of them, wired as the app reads its
/// settings. HAProxy's configuration is checked by HAProxy itself (<c>haproxy -c</c>); the scale-out tests run the same
/// file in front of three real API processes.
/// </summary>
public sealed partial class ComposeFileTests
{
    private static readonly string[] Replicas = ["api-1", "api-2"];

    [Fact]
    public void Compose_RunsTwoReplicasOnOneRedis_BehindTheProxy()
    {
        var services = Services();

        // What plain `docker compose up` starts: the observability profile's services (ObservabilityComposeTests) need --profile.
        var started = services.Children.Where(s => !((YamlMappingNode)s.Value).Children.ContainsKey("profiles")).Select(s => s.Key.ToString());
        Assert.Equal(["api-1", "api-2", "postgres", "proxy", "rabbitmq", "redis"], started.Order(StringComparer.Ordinal));
        foreach (var replica in Replicas)
        {
            var environment = Environment(services, replica);
            var redisUrl = RedisUrl.Parse(Default(environment["REDIS_URL"]));
            Assert.Equal("redis", Assert.IsType<DnsEndPoint>(Assert.Single(redisUrl.EndPoints)).Host);
            Assert.Equal("service_healthy", ((YamlMappingNode)((YamlMappingNode)Service(services, replica)["depends_on"])["redis"])["condition"].ToString());
            Assert.Contains("blob-data:/app/data", ((YamlSequenceNode)Service(services, replica)["volumes"]).Select(v => v.ToString()));
        }

        var proxy = Service(services, "proxy");
        Assert.Contains("./deploy/haproxy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro", ((YamlSequenceNode)proxy["volumes"]).Select(v => v.ToString()));
        Assert.Equal("8000:8000", Assert.Single((YamlSequenceNode)proxy["ports"]).ToString());
        Assert.All(Replicas, replica => Assert.False(Service(services, replica).Children.ContainsKey("ports"), $"{replica} is published past the proxy"));
    }

    [Fact]
    public void Compose_TrustsTheProxy_ForTheClientAddress_AndStaysWithinPostgresConnections()
    {
        var services = Services();
        var proxyAddress = ((YamlMappingNode)((YamlMappingNode)Service(services, "proxy")["networks"])["backend"])["ipv4_address"].ToString();
        var environment = Environment(services, "api-1");

        Assert.Equal(proxyAddress, Default(environment["TRUSTED_PROXIES"]));
        // A stopping replica may finish its drain (SHUTDOWN_TIMEOUT_SECONDS, 30 s by default) before compose kills it.
        var grace = Service(services, "api-1")["stop_grace_period"].ToString();
        Assert.True(int.Parse(grace.TrimEnd('s'), System.Globalization.CultureInfo.InvariantCulture) > int.Parse(Default(environment["SHUTDOWN_TIMEOUT_SECONDS"]), System.Globalization.CultureInfo.InvariantCulture), $"stop_grace_period {grace}");
        // Every replica's pool together stays below PostgreSQL's default max_connections (100), with room for psql.
        Assert.True(Replicas.Length * int.Parse(Default(environment["DB_POOL_SIZE"]), System.Globalization.CultureInfo.InvariantCulture) <= 90);
    }

    [Fact]
    public void Compose_ReplicaSettings_PassTheAppsStartUpChecks()
    {
        var environment = Environment(Services(), "api-1");
        var settings = environment.ToDictionary(pair => pair.Key, pair => (string?)NullIfEmpty(Default(pair.Value)), StringComparer.Ordinal);

        var report = ServiceSettings.Check(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), "Development");

        Assert.True(report.IsValid, "docker-compose.yml's API settings fail the app's start-up checks: " + string.Join("; ", report.Errors));
    }

    [Fact]
    public async Task HaproxyConfiguration_IsValid_AndSendsTrafficOnlyToReadyReplicas()
    {
        var path = Repository.PathOf("deploy", "haproxy", "haproxy.cfg");
        var text = await File.ReadAllTextAsync(path);

        var check = await ExternalTool.RunAsync(HaproxyProcess.Binary(), ["-c", "-f", path], Path.GetTempPath(), TimeSpan.FromMinutes(1));

        Assert.True(check.ExitCode == 0, "haproxy -c: " + check.All);
        Assert.Contains("option httpchk GET /health/ready", text, StringComparison.Ordinal);
        Assert.Equal(Replicas.Select(r => $"{r}:8000"), ServerLine().Matches(text).Select(m => m.Groups["address"].Value));
        Assert.Matches(@"retry-on [^\n]*\b503\b", text);
        // Never after a timeout: a slow request may have done its work.
        Assert.DoesNotMatch(@"retry-on [^\n]*(response-timeout|all-retryable-errors)", text);
    }

    /// <summary>HAProxy from Debian (test.sh installs it): <c>/usr/sbin</c> is not on every PATH.</summary>
    [GeneratedRegex(@"^\s*server\s+\S+\s+(?<address>\S+)", RegexOptions.Multiline)]
    internal static partial Regex ServerLine();

    private static YamlMappingNode Services()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Repository.PathOf("docker-compose.yml"));
        yaml.Load(reader);
        return (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
    }

    private static YamlMappingNode Service(YamlMappingNode services, string name) => (YamlMappingNode)services[name];

    private static Dictionary<string, string> Environment(YamlMappingNode services, string name) =>
        ((YamlMappingNode)Service(services, name)["environment"]).Children
            .ToDictionary(pair => pair.Key.ToString(), pair => pair.Value.ToString(), StringComparer.Ordinal);

    /// <summary>What compose makes of a value without a .env: <c>${VAR:-default}</c> → default.</summary>
    private static string Default(string value) => Interpolation().Replace(value, m => m.Groups["default"].Value);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    [GeneratedRegex(@"\$\{[A-Z0-9_]+(:-(?<default>[^}]*))?\}")]
    private static partial Regex Interpolation();
}
