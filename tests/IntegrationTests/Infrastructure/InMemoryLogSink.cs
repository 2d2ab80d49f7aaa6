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
public sealed class InMemoryLogSink : ILogEventSink, IDisposable
{
    private readonly ITextFormatter _formatter = LoggingSetup.JsonFormatter();
    private readonly ConcurrentQueue<(LogEvent Event, string Line)> _events = new();
    private readonly SemaphoreSlim _emitted = new(0);

    public IReadOnlyList<LogEvent> Events => [.. _events.Select(e => e.Event)];

    public IReadOnlyList<string> Lines => [.. _events.Select(e => e.Line)];

    public string Text => string.Join('\n', Lines);

    public void Emit(LogEvent logEvent)
    {
        using var writer = new StringWriter();
        _formatter.Format(logEvent, writer);
        _events.Enqueue((logEvent, writer.ToString().TrimEnd('\n')));
        _emitted.Release();
    }

    public void Clear() => _events.Clear();

    public void Dispose() => _emitted.Dispose();

    /// <summary>Waits for an event that matches (log sinks are fed asynchronously after the response).</summary>
    public async Task<LogEvent> WaitForAsync(Func<LogEvent, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            var found = _events.Select(e => e.Event).FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            await _emitted.WaitAsync(TimeSpan.FromMilliseconds(200));
        }

        throw new TimeoutException("No matching log event arrived. Captured:\n" + Text);
    }
}
