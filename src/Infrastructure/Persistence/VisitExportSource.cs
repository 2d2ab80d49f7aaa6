using System.Data;
using System.Runtime.CompilerServices;
using CleanVisitors.Application.Visits.Queries.ExportVisits;
using CleanVisitors.Domain.Visits;
using Npgsql;

namespace CleanVisitors.Infrastructure.Persistence;

/// <summary>
/// The visit export, read with Npgsql itself in keyset batches (<see cref="DefaultBatchSize"/> rows unless a test asks for fewer): each batch one indexed
/// range query (<c>ix_visits_created_at</c>), so PostgreSQL never sorts the whole table before the first row and memory
/// stays at one batch. Through EF Core every batch was buffered (its retrying execution strategy does that for every
/// query) and then materialised through its shaper: half of the export's API CPU (bench/README.md). The columns are the model's
/// (EntityConfigurations.cs, snake case); the export tests compare every one. A batch is not retried: a database
/// failure ends the download, as a failure in the middle of any stream does.
/// </summary>
public sealed class VisitExportSource(NpgsqlDataSource dataSource, int batchSize = VisitExportSource.DefaultBatchSize) : IVisitExportSource
{
    /// <summary>A few MB of rows: reading 2,000 at a time cost a fifth more database CPU per row.</summary>
    public const int DefaultBatchSize = 10_000;

    private const string Select = """
        SELECT v.id, v.site_id, v.status, v.purpose, p.full_name, p.phone_number, p.company, h.full_name, v.badge_code,
               v.created_at, v.approved_at, v.checked_in_at, v.checked_out_at
        FROM visits v
        JOIN visitors p ON p.id = v.visitor_id
        JOIN users h ON h.id = v.host_id
        WHERE TRUE
        """;

    public async IAsyncEnumerable<VisitExportRow> ReadAsync(
        DateTimeOffset? fromUtc, DateTimeOffset? toUtc, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        (DateTimeOffset At, Guid Id)? after = null;
        // The first batch is small, so the download starts at once (a whole batch is read before its first row leaves).
        var limit = Math.Min(FirstBatchSize, batchSize);
        while (true)
        {
            var rows = await ReadBatchAsync(fromUtc, toUtc, after, limit, cancellationToken);
            foreach (var row in rows)
            {
                yield return row;
            }

            if (rows.Count < limit)
            {
                yield break;
            }

            after = (rows[^1].CreatedAt, rows[^1].Id);
            limit = batchSize;
        }
    }

    private const int FirstBatchSize = 500;

    /// <summary>
    /// One batch, read whole and its connection given back before the client gets a row of it: a slow or stalled
    /// download holds memory for one batch, never a pooled connection or an open snapshot. No parallel workers: for a
    /// 10,000-row index range they doubled a batch's time.
    /// </summary>
    private async Task<List<VisitExportRow>> ReadBatchAsync(
        DateTimeOffset? fromUtc, DateTimeOffset? toUtc, (DateTimeOffset At, Guid Id)? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        await using (var setup = new NpgsqlCommand("SET LOCAL max_parallel_workers_per_gather = 0", connection, transaction))
        {
            await setup.ExecuteNonQueryAsync(cancellationToken);
        }

        var rows = new List<VisitExportRow>(limit);
        await using (var command = Batch(connection, fromUtc, toUtc, after, limit))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new VisitExportRow(
                    reader.GetGuid(0), reader.GetGuid(1), Enum.Parse<VisitStatus>(reader.GetString(2)), reader.GetString(3),
                    Text(reader, 4), Text(reader, 5), Text(reader, 6), reader.GetString(7), reader.GetString(8),
                    reader.GetFieldValue<DateTimeOffset>(9), Time(reader, 10), Time(reader, 11), Time(reader, 12)));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return rows;
    }

    private static NpgsqlCommand Batch(NpgsqlConnection connection, DateTimeOffset? fromUtc, DateTimeOffset? toUtc, (DateTimeOffset At, Guid Id)? after, int limit)
    {
        var command = connection.CreateCommand();
        var sql = new System.Text.StringBuilder(Select);
        if (fromUtc is { } from)
        {
            sql.Append(" AND v.created_at >= @from");
            command.Parameters.AddWithValue("from", from);
        }

        if (toUtc is { } to)
        {
            sql.Append(" AND v.created_at < @to");
            command.Parameters.AddWithValue("to", to);
        }

        if (after is { } last)
        {
            sql.Append(" AND v.created_at >= @lastAt AND (v.created_at > @lastAt OR v.id > @lastId)");
            command.Parameters.AddWithValue("lastAt", last.At);
            command.Parameters.AddWithValue("lastId", last.Id);
        }

        sql.Append(" ORDER BY v.created_at, v.id LIMIT ").Append(limit);
        command.CommandText = sql.ToString();
        return command;
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
