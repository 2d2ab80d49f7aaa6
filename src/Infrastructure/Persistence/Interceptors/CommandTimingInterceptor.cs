using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Infrastructure.Persistence.Interceptors;

/// <summary>
/// Logs every database command's time: a Debug event per command, and a Warning with the SQL text (placeholders only,
/// never parameter values) above <c>SLOW_QUERY_THRESHOLD_MS</c> (default 200). The duration metric is Npgsql's own
/// (<c>db.client.operation.duration</c>, exported at <c>/metrics</c>).
/// </summary>
public sealed partial class CommandTimingInterceptor : DbCommandInterceptor
{
    private const int MaxSqlLength = 2000;

    private readonly ILogger<CommandTimingInterceptor> _logger;
    private readonly double _slowThresholdMs;

    public CommandTimingInterceptor(IOptions<DatabaseOptions> options, ILogger<CommandTimingInterceptor> logger)
    {
        _logger = logger;
        _slowThresholdMs = options.Value.SlowQueryThresholdMs;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Record(command, eventData, "reader");
        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Record(command, eventData, "non-query");
        return ValueTask.FromResult(result);
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Record(command, eventData, "scalar");
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command, CommandExecutedEventData eventData, string kind)
    {
        var elapsedMs = eventData.Duration.TotalMilliseconds;
        if (elapsedMs > _slowThresholdMs)
        {
            var sql = command.CommandText.Length > MaxSqlLength ? command.CommandText[..MaxSqlLength] + "…" : command.CommandText;
            LogSlow(_logger, kind, Math.Round(elapsedMs, 2), _slowThresholdMs, sql);
        }
        else
        {
            LogCommand(_logger, kind, Math.Round(elapsedMs, 2));
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Database {CommandKind} command took {ElapsedMs} ms")]
    private static partial void LogCommand(ILogger logger, string commandKind, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slow database {CommandKind} command: {ElapsedMs} ms (threshold {ThresholdMs} ms): {Sql}")]
    private static partial void LogSlow(ILogger logger, string commandKind, double elapsedMs, double thresholdMs, string sql);
}
