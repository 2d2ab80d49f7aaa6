namespace CleanVisitors.Application.Visits.Queries.ExportVisits;

/// <summary>
/// Reads the export's rows, oldest first (<c>createdAt</c>, then id), as a stream: memory stays constant whatever the
/// row count, and the first row is at hand at once. A port of its own because EF Core cannot stream here: with the
/// retrying execution strategy it buffers every result (so that a retried query cannot hand out rows twice).
/// </summary>
public interface IVisitExportSource
{
    IAsyncEnumerable<VisitExportRow> ReadAsync(DateTimeOffset? fromUtc, DateTimeOffset? toUtc, CancellationToken cancellationToken);
}
