using System.Collections.Concurrent;
using CleanVisitors.Api.Operations.Logging;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace CleanVisitors.IntegrationTests.Infrastructure;

/// <summary>
/// Captures every log event of an in-process API exactly as the Production console would print it (the same
/// JSON formatter, after the same masking), so tests can parse lines and scan them for secrets.
/// Register it as an <see cref="ILogEventSink"/> service; the API's logging picks up every such sink.
/// </summary>
public sealed class InMemoryLogSink : ILogEventSink
{
    private readonly ITextFormatter _formatter = LoggingSetup.JsonFormatter();
    private readonly ConcurrentQueue<(LogEvent Event, string Line)> _events = new();
    private readonly Signal _emitted = new();

    public IReadOnlyList<LogEvent> Events => [.. _events.Select(e => e.Event)];

    public IReadOnlyList<string> Lines => [.. _events.Select(e => e.Line)];

    public string Text => string.Join('\n', Lines);

    public void Emit(LogEvent logEvent)
    {
        using var writer = new StringWriter();
        _formatter.Format(logEvent, writer);
        _events.Enqueue((logEvent, writer.ToString().TrimEnd('\n')));
        _emitted.Raise();
    }

    public void Clear() => _events.Clear();

    /// <summary>Waits for an event that matches (log sinks are fed asynchronously after the response).</summary>
    public async Task<LogEvent> WaitForAsync(Func<LogEvent, bool> match, TimeSpan? timeout = null) =>
        (await Eventually.UntilAsync(
            () => Task.FromResult(_events.Select(e => e.Event).FirstOrDefault(match)),
            found => found is not null,
            timeout ?? TimeSpan.FromSeconds(30),
            _ => "no matching log event arrived. Captured:\n" + Text,
            _emitted))!;
}
