using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Hardening;

/// <summary>Tracing on (an OTLP endpoint nobody listens on: spans are made, their export fails quietly).</summary>
public sealed class TracedFactory : HardeningFactory
{
    public TracedFactory() => Settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9";
}

/// <summary>
/// The tests whose host traces with OpenTelemetry run alone: its instrumentation subscribes to every
/// "Microsoft.AspNetCore" diagnostic listener of the process, so while it runs (and as it is disposed) it takes part in
/// other test hosts' requests and can leave their Activity.Current changed (seen once: a problem's traceId fell back to
/// the request id in ProblemDetailsTests).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TracingCollection
{
    public const string Name = "tracing";
}

/// <summary>An approval link's token is a credential: no log line and no span may carry it (issue 8, finding 3).</summary>
[Collection(TracingCollection.Name)]
public sealed class SecretPathTests(TracedFactory factory) : IClassFixture<TracedFactory>
{
    [Theory]
    [InlineData("/approve/")]
    [InlineData("/api/public/approvals/")]
    public async Task ApprovalToken_InThePath_IsNeitherLoggedNorTraced(string prefix)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var client = factory.CreateClient();

        using var response = prefix == "/approve/"
            ? await client.GetAsync(prefix + token)
            : await client.PostAsJsonAsync(prefix + token, new { decision = "approve" });

        var redacted = prefix + "***";
        await factory.Logs.WaitForAsync(e => e.Properties.TryGetValue("Path", out var path) && path.ToString() == $"\"{redacted}\"");
        await Eventually.UntilAsync(
            () => Task.FromResult(spans.ToList()),
            list => list.Any(span => span.GetTagItem("url.path") as string == redacted),
            TimeSpan.FromSeconds(10),
            list => $"{list.Count} spans, none with url.path {redacted}");
        Assert.DoesNotContain(token, factory.Logs.Text, StringComparison.Ordinal);
        Assert.Contains($"\"Path\":\"{redacted}\"", factory.Logs.Text, StringComparison.Ordinal);
        Assert.Contains($"\"RequestPath\":\"{redacted}\"", factory.Logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(spans, span => span.DisplayName.Contains(token, StringComparison.Ordinal)
            || span.TagObjects.Any(tag => tag.Value?.ToString()?.Contains(token, StringComparison.Ordinal) == true));
    }
}
