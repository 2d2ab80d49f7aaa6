using static CleanVisitors.IntegrationTests.Operations.ObservabilityFiles;

namespace CleanVisitors.IntegrationTests.Operations;

/// <summary>
/// deploy/otel-collector/config.yaml (issue 12 §5): OTLP in over gRPC (4317) and HTTP (4318); traces out to Jaeger's
/// OTLP port, logs and metrics to the debug exporter; every component a pipeline names is defined.
/// </summary>
public sealed class ObservabilityCollectorTests
{
    private static readonly string[] Signals = ["logs", "metrics", "traces"];

    [Fact]
    public void Receives_OtlpOverGrpcAndHttp_OnEveryInterface()
    {
        var protocols = Mapping(Mapping(Mapping(Config(), "receivers"), "otlp"), "protocols");

        Assert.Equal("0.0.0.0:4317", Text(Mapping(protocols, "grpc"), "endpoint"));
        Assert.Equal("0.0.0.0:4318", Text(Mapping(protocols, "http"), "endpoint"));
    }

    [Fact]
    public void Pipelines_SendTracesToJaeger_AndLogsAndMetricsToDebug()
    {
        var config = Config();
        var pipelines = Mapping(Mapping(config, "service"), "pipelines");

        Assert.Equal(Signals, pipelines.Children.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(["otlp/jaeger"], Exporters(pipelines, "traces"));
        Assert.Equal(["debug"], Exporters(pipelines, "metrics"));
        Assert.Equal(["debug"], Exporters(pipelines, "logs"));
        var jaeger = Mapping(Mapping(config, "exporters"), "otlp/jaeger");
        Assert.Equal("jaeger:4317", Text(jaeger, "endpoint"));
        Assert.Equal("true", Text(Mapping(jaeger, "tls"), "insecure"));

        foreach (var signal in Signals)
        {
            var pipeline = Mapping(pipelines, signal);
            Assert.Equal(["otlp"], Sequence(pipeline, "receivers").Select(r => r.ToString()));
            foreach (var (section, key) in new[] { ("receivers", "receivers"), ("processors", "processors"), ("exporters", "exporters") })
            {
                var defined = Mapping(config, section).Children.Keys.Select(k => k.ToString()).ToHashSet(StringComparer.Ordinal);
                Assert.All(Sequence(pipeline, key).Select(c => c.ToString()), component => Assert.Contains(component, defined));
            }

            // The memory limiter comes first, as the collector's documentation asks.
            Assert.Equal("memory_limiter", Sequence(pipeline, "processors").First().ToString());
        }
    }

    [Fact]
    public void Jaeger_IsTheComposeService_ItsUiPublished()
    {
        var jaeger = Mapping(Mapping(LoadYaml(CleanVisitors.IntegrationTests.Infrastructure.Repository.PathOf("docker-compose.yml")), "services"), "jaeger");

        Assert.Equal("true", Text(Mapping(jaeger, "environment"), "COLLECTOR_OTLP_ENABLED"));
        Assert.EndsWith(":16686", Assert.Single(Sequence(jaeger, "ports")).ToString(), StringComparison.Ordinal);
    }

    private static IEnumerable<string> Exporters(YamlDotNet.RepresentationModel.YamlMappingNode pipelines, string signal) =>
        Sequence(Mapping(pipelines, signal), "exporters").Select(e => e.ToString());

    private static YamlDotNet.RepresentationModel.YamlMappingNode Config() => LoadYaml(Deploy("otel-collector", "config.yaml"));
}
