using System.Net;
using System.Text.Json.Nodes;
using CleanVisitors.Api.Configuration;
using CleanVisitors.Api.Startup;
using CleanVisitors.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace CleanVisitors.IntegrationTests.Operations;

/// <summary>
/// deploy/k8s (issue 11 §4): the kustomize base and the production overlay render (<c>kubectl kustomize</c>), every
/// object they hold is valid against the Kubernetes API's schemas (kubernetes-models, clients/k8s/validate.mjs), and
/// what the manifests promise matches the app: the probe paths answer, the grace period outlasts the drain, the ports
/// are the app's, the configuration passes the app's own start-up checks, no secret value is committed.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class KubernetesManifestTests(ApiFactory factory)
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Base_RendersAndEveryObjectIsValid()
    {
        var objects = await RenderAsync(Repository.PathOf("deploy", "k8s", "base"));

        var kinds = objects.Select(o => o["kind"]!.GetValue<string>()).ToList();
        foreach (var kind in new[] { "Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler", "Job", "ConfigMap", "Secret", "NetworkPolicy" })
        {
            Assert.Contains(kind, kinds);
        }
    }

    [Fact]
    public async Task ProductionOverlay_RendersAndEveryObjectIsValid()
    {
        // The overlay reads secrets.env, which is never committed: render a copy with the example's keys.
        var copy = Directory.CreateTempSubdirectory("cv-k8s-");
        try
        {
            CopyDirectory(Repository.PathOf("deploy", "k8s"), copy.FullName);
            var overlay = Path.Combine(copy.FullName, "overlays", "production");
            File.Copy(Path.Combine(overlay, "secrets.env.example"), Path.Combine(overlay, "secrets.env"), overwrite: true);

            var objects = await RenderAsync(overlay);

            Assert.All(objects, o => Assert.Equal("cleanvisitors", o["metadata"]!["namespace"]?.GetValue<string>()));
            var deployment = Single(objects, "Deployment");
            Assert.StartsWith("registry.example.com/cleanvisitors/api:", Container(deployment)["image"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(3, deployment["spec"]!["replicas"]!.GetValue<int>());
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Probes_AreTheAppsHealthEndpoints_AndTheyAnswer()
    {
        var container = Container(Single(await RenderAsync(Repository.PathOf("deploy", "k8s", "base")), "Deployment"));
        var client = factory.CreateClient();

        var paths = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["startupProbe"] = "/health/live",
            ["readinessProbe"] = "/health/ready",
            ["livenessProbe"] = "/health/live",
        };
        foreach (var (probe, expected) in paths)
        {
            var path = container[probe]!["httpGet"]!["path"]!.GetValue<string>();
            Assert.Equal(expected, path);
            Assert.Equal("http", container[probe]!["httpGet"]!["port"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        }
    }

    [Fact]
    public async Task GracePeriod_OutlastsThePreStopSleepAndTheDrain()
    {
        var objects = await RenderAsync(Repository.PathOf("deploy", "k8s", "base"));
        var pod = Single(objects, "Deployment")["spec"]!["template"]!["spec"]!;
        var settings = Single(objects, "ConfigMap")["data"]!;

        var grace = pod["terminationGracePeriodSeconds"]!.GetValue<int>();
        var drain = int.Parse(settings["SHUTDOWN_TIMEOUT_SECONDS"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var preStop = Container(Single(objects, "Deployment"))["lifecycle"]!["preStop"]!["exec"]!["command"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();

        Assert.Equal("sleep", preStop[0]);
        Assert.True(grace > drain + int.Parse(preStop[1], System.Globalization.CultureInfo.InvariantCulture),
            $"terminationGracePeriodSeconds {grace} must outlast the preStop sleep ({preStop[1]} s) plus SHUTDOWN_TIMEOUT_SECONDS ({drain} s)");
    }

    [Fact]
    public async Task Ports_SecurityAndMigration_AreTheAppsOwn()
    {
        var objects = await RenderAsync(Repository.PathOf("deploy", "k8s", "base"));
        var settings = Single(objects, "ConfigMap")["data"]!;
        var deployment = Single(objects, "Deployment");
        var container = Container(deployment);
        var ports = container["ports"]!.AsArray().ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!["containerPort"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(settings["PORT"]!.GetValue<string>(), ports["http"]);
        Assert.Equal(settings["MANAGEMENT_PORT"]!.GetValue<string>(), ports["management"]);
        var pod = deployment["spec"]!["template"]!["spec"]!;
        Assert.True(pod["securityContext"]!["runAsNonRoot"]!.GetValue<bool>());
        Assert.Equal(1654, pod["securityContext"]!["runAsUser"]!.GetValue<int>()); // the .NET image's "app" user (Dockerfile)
        Assert.True(container["securityContext"]!["readOnlyRootFilesystem"]!.GetValue<bool>());
        Assert.False(container["securityContext"]!["allowPrivilegeEscalation"]!.GetValue<bool>());
        Assert.Equal("false", settings["RUN_MIGRATIONS_AT_STARTUP"]!.GetValue<string>());
        var migrate = Container(Single(objects, "Job"));
        Assert.Contains(StartupMode.MigrateOnlyFlag, migrate["args"]!.AsArray().Select(a => a!.GetValue<string>()));
        var metrics = objects.Single(o => o["kind"]!.GetValue<string>() == "Service" && o["metadata"]!["name"]!.GetValue<string>() == "cleanvisitors-metrics");
        Assert.Equal(settings["MANAGEMENT_PORT"]!.GetValue<string>(), metrics["metadata"]!["annotations"]!["prometheus.io/port"]!.GetValue<string>());
    }

    [Fact]
    public async Task Configuration_PassesTheAppsStartUpChecks_AndNoSecretValueIsCommitted()
    {
        var objects = await RenderAsync(Repository.PathOf("deploy", "k8s", "base"));
        var secret = Single(objects, "Secret");
        var values = secret["stringData"]!.AsObject();

        Assert.All(values, pair => Assert.Equal(string.Empty, pair.Value!.GetValue<string>()));
        var settings = Single(objects, "ConfigMap")["data"]!.AsObject()
            .Select(p => new KeyValuePair<string, string?>(p.Key, p.Value!.GetValue<string>()))
            .Concat([
                new("DATABASE_URL", "postgresql://app:secret@db:5432/cleanvisitors"),
                new("JWT_SECRET", "k8s-manifest-test-0123456789-abcdefghijklmnop"),
                new("CRON_SECRET", "k8s-manifest-test-cron-0123456789"),
            ]);
        var report = ServiceSettings.Check(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), "Production");

        Assert.True(report.IsValid, "The ConfigMap fails the app's start-up checks: " + string.Join("; ", report.Errors));
        Assert.All(values.Select(p => p.Key).Where(key => key is "DATABASE_URL" or "JWT_SECRET" or "CRON_SECRET"), key => Assert.DoesNotContain(key, Single(objects, "ConfigMap")["data"]!.AsObject().Select(p => p.Key)));
    }

    private static JsonObject Single(IReadOnlyList<JsonObject> objects, string kind) => objects.Single(o => o["kind"]!.GetValue<string>() == kind);

    private static JsonNode Container(JsonObject workload) => workload["spec"]!["template"]!["spec"]!["containers"]![0]!;

    /// <summary><c>kubectl kustomize</c>, then the schema validator; answers the objects.</summary>
    private static async Task<IReadOnlyList<JsonObject>> RenderAsync(string directory)
    {
        var rendered = await ExternalTool.RunAsync("kubectl", ["kustomize", directory], Repository.PathOf("clients"), ToolTimeout);
        Assert.True(rendered.ExitCode == 0, $"kubectl kustomize {directory} failed:\n{rendered.Error}");
        var validated = await ExternalTool.RunAsync("node", [Repository.PathOf("clients", "k8s", "validate.mjs")], Repository.PathOf("clients"), ToolTimeout, stdin: rendered.Output);
        Assert.True(validated.ExitCode == 0, $"Invalid Kubernetes objects in {directory}:\n{validated.Error}");
        return JsonNode.Parse(validated.Output)!.AsArray().Select(o => o!.AsObject()).ToList();
    }

    private static void CopyDirectory(string source, string target)
    {
        foreach (var directory in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, directory)));
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(target, Path.GetRelativePath(source, file)), overwrite: true);
        }
    }
}
