using System.Text;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace CleanVisitors.Api.Operations.Logging;

/// <summary>
/// Writes log events to standard output a batch at a time, behind Serilog's own batching queue (off the request path,
/// bounded, dropping when full rather than blocking a request). The console sink wrote and flushed every event on its
/// own: one <c>write</c> system call per line, a tenth of the API's CPU on a read by id under load (bench/README.md).
/// Here a batch is formatted into one buffer and written with one call; lines are never split between batches.
/// </summary>
public sealed class StandardOutputSink(ITextFormatter formatter, Stream output) : IBatchedLogEventSink, IDisposable
{
    private readonly StringWriter _buffer = new();
    private const int InitialBufferBytes = 64 * 1024;
    private const int MaxKeptBufferBytes = 4 * 1024 * 1024;
    private readonly Encoder _encoder = new UTF8Encoding(false).GetEncoder();
    private byte[] _bytes = new byte[InitialBufferBytes];

    /// <summary>How long an event may wait for others to share its write: the latency of a log line when the service is busy.</summary>
    public static readonly TimeSpan BufferingTimeLimit = TimeSpan.FromMilliseconds(50);

    public Task EmitBatchAsync(IReadOnlyCollection<LogEvent> batch)
    {
        var text = _buffer.GetStringBuilder().Clear();
        foreach (var logEvent in batch)
        {
            formatter.Format(logEvent, _buffer);
        }

        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_bytes.Length < length)
        {
            _bytes = new byte[length];
        }

        // One encoder across the builder's chunks: a character outside the BMP may be split between two of them.
        var written = 0;
        foreach (var chunk in text.GetChunks())
        {
            written += _encoder.GetBytes(chunk.Span, _bytes.AsSpan(written), flush: false);
        }

        written += _encoder.GetBytes([], _bytes.AsSpan(written), flush: true);

        // Synchronous on purpose: this runs on the batching sink's own worker, and standard output is a pipe or a file.
        output.Write(_bytes, 0, written);
        output.Flush();
        if (_bytes.Length > MaxKeptBufferBytes)
        {
            // One huge event (a long exception) does not keep its buffer for the life of the process.
            _bytes = new byte[InitialBufferBytes];
            _buffer.GetStringBuilder().Clear().Capacity = InitialBufferBytes;
        }

        return Task.CompletedTask;
    }

    public Task OnEmptyBatchAsync() => Task.CompletedTask;

    public void Dispose() => _buffer.Dispose();
}
