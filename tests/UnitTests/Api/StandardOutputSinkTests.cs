using System.Text;
using CleanVisitors.Api.Operations.Logging;
using Serilog.Events;
using Serilog.Parsing;

namespace CleanVisitors.UnitTests.Api;

public sealed class StandardOutputSinkTests
{
    private static LogEvent Event(string text) =>
        new(DateTimeOffset.UnixEpoch, LogEventLevel.Information, null, new MessageTemplateParser().Parse(text), []);

    [Fact]
    public async Task Batch_IsWrittenWithOneWrite_AsOneJsonLinePerEvent()
    {
        var output = new CountingStream();
        using var sink = new StandardOutputSink(LoggingSetup.JsonFormatter(), output);

        await sink.EmitBatchAsync([Event("first"), Event("zweite Zeile ü"), Event("third")]);

        Assert.Equal(1, output.Writes);
        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Collection(
            lines,
            line => Assert.Contains("\"@m\":\"first\"", line, StringComparison.Ordinal),
            line => Assert.Contains("\"@m\":\"zweite Zeile ü\"", line, StringComparison.Ordinal),
            line => Assert.Contains("\"@m\":\"third\"", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task BatchLargerThanTheBuffer_IsWrittenWhole()
    {
        var output = new CountingStream();
        using var sink = new StandardOutputSink(LoggingSetup.JsonFormatter(), output);
        var events = Enumerable.Range(0, 2_000).Select(i => Event($"event {i} {new string('x', 100)}")).ToList();

        await sink.EmitBatchAsync(events);
        await sink.EmitBatchAsync([Event("after")]);

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2_001, lines.Length);
        Assert.Contains("\"@m\":\"event 1999 ", lines[1_999], StringComparison.Ordinal);
        Assert.Contains("\"@m\":\"after\"", lines[2_000], StringComparison.Ordinal);
        Assert.Equal(2, output.Writes);
    }

    [Fact]
    public async Task CharactersOutsideTheBmp_SurviveTheBuffersChunks()
    {
        var output = new CountingStream();
        using var sink = new StandardOutputSink(LoggingSetup.JsonFormatter(), output);
        var events = Enumerable.Range(0, 3_000).Select(i => Event($"visitor {i} 😀 {new string('x', i % 7)}")).ToList();
        var expected = new StringWriter();
        var formatter = LoggingSetup.JsonFormatter(); // one: building a formatter compiles its template, 3,000 of them took a minute
        events.ForEach(e => formatter.Format(e, expected));

        await sink.EmitBatchAsync(events);

        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.DoesNotContain('\uFFFD', text);
        Assert.Equal(expected.ToString(), text);
    }

    private sealed class CountingStream : MemoryStream
    {
        public int Writes { get; private set; }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes++;
            base.Write(buffer, offset, count);
        }
    }
}
