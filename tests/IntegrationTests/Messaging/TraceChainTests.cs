using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Messaging;

/// <summary>The API exporting traces and logs over OTLP (http/protobuf, the standard variables) to an in-process receiver.</summary>
public sealed class TracedMessagingFactory : MessagingApiFactory
{
    public const string ServiceName = "cleanvisitors-trace-test";

    public OtlpReceiver Otlp { get; } = new();

    public override async Task InitializeAsync()
    {
        await Otlp.StartAsync();
        Settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = Otlp.Url;
        Settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        Settings["OTEL_SERVICE_NAME"] = ServiceName;
        Settings["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        Settings["OTEL_LOGS_EXPORTER"] = "otlp";
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Otlp.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// "Why did this host never get the approval request?" can be followed in one trace: from <c>POST /api/visits</c>
/// through its database writes, the outbox's publish, RabbitMQ and the consumer to the WhatsApp HTTP call, which
/// carries the trace on to the provider in <c>traceparent</c>; the request's log lines are in the same trace.
/// </summary>
public sealed class TraceChainTests(TracedMessagingFactory factory) : MessagingTest<TracedMessagingFactory>(factory)
{
    [Fact]
    public async Task OneTrace_RunsFromTheRequest_ThroughOutboxAndBroker_ToTheWhatsAppCall()
    {
        var hostPhone = TestData.PhoneNumber();
        var host = await Data.UserAsync("Host", "Hanna Host", hostPhone);
        var visitor = await Data.VisitorAsync("Viktor Visitor");
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/visits")
        {
            Content = JsonContent.Create(new { visitorId = visitor.Id, hostId = host.Id, purpose = "Traced" }),
        };
        // The caller's trace: the API continues it (W3C trace context), so the test knows which trace to look at.
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        await TestData.Expect(await Data.Admin.SendAsync(request), HttpStatusCode.Created);

        // The provider got the trace, in the header HttpClient adds.
        var sent = Assert.Single(await WhatsApp.WaitForAsync(hostPhone, 1, Patience));
        Assert.NotNull(sent.TraceParent);
        Assert.Equal(traceId, sent.TraceParent.Split('-')[1]);
        var callSpanId = sent.TraceParent.Split('-')[2];

        List<ReceivedSpan> Trace(OtlpReceiver otlp) => [.. otlp.Spans.Where(s => s.TraceId == traceId)];

        // The chain from the WhatsApp call up to the request, parent by parent, as far as the spans exported so far go.
        static List<ReceivedSpan> ChainOf(List<ReceivedSpan> trace, string from)
        {
            var byId = trace.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
            var chain = new List<ReceivedSpan>();
            for (var span = byId.GetValueOrDefault(from); span is not null; span = byId.GetValueOrDefault(span.ParentSpanId))
            {
                chain.Add(span);
            }

            return chain;
        }

        // Spans are exported in batches as they end, the consumer's after the call it made: wait until the chain from the
        // call reaches the request's server span, not merely until both ends arrived.
        await Factory.Otlp.WaitForAsync(
            otlp => ChainOf(Trace(otlp), callSpanId) is [_, .., { Kind: ReceivedSpan.Server }],
            Patience,
            otlp => string.Join("; ", Trace(otlp).Select(s => $"{s.Scope} {s.Name} ({s.Kind})")));
        var trace = Trace(Factory.Otlp);
        Assert.All(trace, span => Assert.Equal(TracedMessagingFactory.ServiceName, span.Service));
        var chain = ChainOf(trace, callSpanId);

        var described = string.Join(" <- ", chain.Select(s => $"{s.Scope}: {s.Name}"));
        var call = chain[0];
        Assert.Equal(ReceivedSpan.Client, call.Kind);
        Assert.Equal("POST", call.Attributes.GetValueOrDefault("http.request.method"));
        Assert.Contains(chain, s => s.Scope == "MassTransit" && s.Kind == ReceivedSpan.Consumer);
        Assert.Contains(chain, s => s.Scope == "MassTransit" && s.Kind == ReceivedSpan.Producer);
        Assert.Contains(chain, s => s.Scope == "CleanVisitors" && s.Name.StartsWith("outbox publish", StringComparison.Ordinal));
        var server = chain[^1];
        Assert.True(server.Kind == ReceivedSpan.Server, described);
        Assert.Equal("POST api/visits", server.Name);

        // The request's own database work is in the trace (Npgsql's spans), its INSERT into the outbox among them.
        Assert.Contains(trace, s => s.Scope == "Npgsql" && s.Kind == ReceivedSpan.Client && s.ParentSpanId != string.Empty
            && s.Attributes.GetValueOrDefault("db.query.text", s.Attributes.GetValueOrDefault("db.statement", string.Empty)).Contains("outbox_messages", StringComparison.Ordinal));

        // And so are its log lines, exported beside standard output with the trace and span ids.
        await Factory.Otlp.WaitForAsync(
            otlp => otlp.Logs.Any(l => l.TraceId == traceId && l.SpanId == server.SpanId && l.Attributes.GetValueOrDefault("Route") == "api/visits"),
            Patience,
            otlp => $"{otlp.Logs.Count} log records, {otlp.Logs.Count(l => l.TraceId == traceId)} in the trace");
    }
}
