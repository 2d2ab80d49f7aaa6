using System.Collections.Concurrent;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanVisitors.IntegrationTests.Infrastructure;

/// <summary>
/// An OpenTelemetry collector for tests: OTLP over HTTP with protobuf (<c>/v1/traces</c>, <c>/v1/logs</c>;
/// <c>/v1/metrics</c> is taken and dropped) on a free loopback port, keeping every span and log record it received,
/// decoded from the OTLP protobuf messages by field number (no generated types: the proto package is not served).
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    private readonly ConcurrentQueue<ReceivedLog> _logs = new();
    private readonly Signal _received = new();
    private WebApplication? _app;

    /// <summary>The base address, for <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> with <c>http/protobuf</c>.</summary>
    public string Url { get; private set; } = string.Empty;

    public IReadOnlyList<ReceivedSpan> Spans => [.. _spans];

    public IReadOnlyList<ReceivedLog> Logs => [.. _logs];

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            foreach (var span in ReceivedSpan.Read(await BodyAsync(request)))
            {
                _spans.Enqueue(span);
            }

            _received.Raise();
            return Results.Bytes([], "application/x-protobuf");
        });
        _app.MapPost("/v1/logs", async (HttpRequest request) =>
        {
            foreach (var log in ReceivedLog.Read(await BodyAsync(request)))
            {
                _logs.Enqueue(log);
            }

            _received.Raise();
            return Results.Bytes([], "application/x-protobuf");
        });
        _app.MapPost("/v1/metrics", () => Results.Bytes([], "application/x-protobuf"));
        await _app.StartAsync();
        Url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    /// <summary>Waits until what was received satisfies <paramref name="done"/>; fails with <paramref name="describe"/>'s account of it.</summary>
    public Task WaitForAsync(Func<OtlpReceiver, bool> done, TimeSpan timeout, Func<OtlpReceiver, string> describe) =>
        Eventually.UntilAsync(() => Task.FromResult(this), done, timeout, receiver => "the OTLP receiver did not get what the test waits for: " + describe(receiver), _received);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private static async Task<byte[]> BodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}

/// <summary>One span as received: ids in lower-case hex as W3C writes them, the kind as OTLP numbers it (2 server, 3 client, 4 producer, 5 consumer).</summary>
public sealed record ReceivedSpan(string Service, string Scope, string TraceId, string SpanId, string ParentSpanId, string Name, int Kind, IReadOnlyDictionary<string, string> Attributes)
{
    public const int Server = 2;
    public const int Client = 3;
    public const int Producer = 4;
    public const int Consumer = 5;

    // ExportTraceServiceRequest: 1 resource_spans; ResourceSpans: 1 resource, 2 scope_spans; ScopeSpans: 1 scope, 2 spans;
    // Span: 1 trace_id, 2 span_id, 4 parent_span_id, 5 name, 6 kind, 9 attributes.
    public static IEnumerable<ReceivedSpan> Read(byte[] body) =>
        from resource in ProtoFields.Parse(ByteString.CopyFrom(body)).Messages(1)
        let service = ProtoFields.Attributes(resource.Message(1)).GetValueOrDefault("service.name", string.Empty)
        from scope in resource.Messages(2)
        let scopeName = scope.Message(1)?.Text(1) ?? string.Empty
        from span in scope.Messages(2)
        select new ReceivedSpan(service, scopeName, span.Hex(1), span.Hex(2), span.Hex(4), span.Text(5) ?? string.Empty, (int)(span.Number(6) ?? 0), ProtoFields.Attributes(span, 9));
}

/// <summary>One log record as received.</summary>
public sealed record ReceivedLog(string Service, string TraceId, string SpanId, string Body, IReadOnlyDictionary<string, string> Attributes)
{
    // ExportLogsServiceRequest: 1 resource_logs; ResourceLogs: 1 resource, 2 scope_logs; ScopeLogs: 2 log_records;
    // LogRecord: 5 body, 6 attributes, 9 trace_id, 10 span_id.
    public static IEnumerable<ReceivedLog> Read(byte[] body) =>
        from resource in ProtoFields.Parse(ByteString.CopyFrom(body)).Messages(1)
        let service = ProtoFields.Attributes(resource.Message(1)).GetValueOrDefault("service.name", string.Empty)
        from scope in resource.Messages(2)
        from record in scope.Messages(2)
        select new ReceivedLog(service, record.Hex(9), record.Hex(10), ProtoFields.AnyValue(record.Message(5)), ProtoFields.Attributes(record, 6));
}

/// <summary>A protobuf message read by field number: numbers (varint, fixed32, fixed64) and length-delimited bytes.</summary>
public sealed class ProtoFields
{
    private readonly List<(int Field, ulong Number, ByteString? Bytes)> _fields = [];

    public static ProtoFields Parse(ByteString bytes)
    {
        var fields = new ProtoFields();
        var input = new CodedInputStream(bytes.ToByteArray());
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var field = WireFormat.GetTagFieldNumber(tag);
            switch (WireFormat.GetTagWireType(tag))
            {
                case WireFormat.WireType.Varint:
                    fields._fields.Add((field, input.ReadUInt64(), null));
                    break;
                case WireFormat.WireType.Fixed64:
                    fields._fields.Add((field, input.ReadFixed64(), null));
                    break;
                case WireFormat.WireType.Fixed32:
                    fields._fields.Add((field, input.ReadFixed32(), null));
                    break;
                case WireFormat.WireType.LengthDelimited:
                    fields._fields.Add((field, 0, input.ReadBytes()));
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return fields;
    }

    public IEnumerable<ProtoFields> Messages(int field) => _fields.Where(f => f.Field == field && f.Bytes is not null).Select(f => Parse(f.Bytes!));

    public ProtoFields? Message(int field) => Messages(field).FirstOrDefault();

    public string? Text(int field) => _fields.LastOrDefault(f => f.Field == field && f.Bytes is not null).Bytes?.ToStringUtf8();

    public string Hex(int field) => Convert.ToHexStringLower(_fields.LastOrDefault(f => f.Field == field && f.Bytes is not null).Bytes?.ToByteArray() ?? []);

    public ulong? Number(int field) => _fields.Any(f => f.Field == field && f.Bytes is null) ? _fields.Last(f => f.Field == field && f.Bytes is null).Number : null;

    /// <summary>KeyValue list (1 key, 2 value) in <paramref name="field"/>; a Resource keeps its attributes in field 1.</summary>
    public static IReadOnlyDictionary<string, string> Attributes(ProtoFields? message, int field = 1) =>
        message is null
            ? new Dictionary<string, string>()
            : message.Messages(field).GroupBy(kv => kv.Text(1) ?? string.Empty).ToDictionary(g => g.Key, g => AnyValue(g.Last().Message(2)));

    /// <summary>An AnyValue as text: 1 string, 2 bool, 3 int, 4 double.</summary>
    public static string AnyValue(ProtoFields? value) =>
        value is null ? string.Empty
        : value.Text(1) is { } text ? text
        : value.Number(2) is { } flag ? (flag != 0).ToString()
        : value.Number(3) is { } integer ? ((long)integer).ToString(System.Globalization.CultureInfo.InvariantCulture)
        : value.Number(4) is { } real ? BitConverter.UInt64BitsToDouble(real).ToString(System.Globalization.CultureInfo.InvariantCulture)
        : string.Empty;
}
