using System.Globalization;
using System.Text;
using CleanVisitors.Api.Http;
using CleanVisitors.Application.Visits.Queries.ExportVisits;
using Microsoft.AspNetCore.Mvc;

namespace CleanVisitors.Api.Visits;

/// <summary>
/// Writes the visit export as CSV while the rows stream from the database: memory stays constant whatever the
/// row count. Cells that a spreadsheet would run as a formula (starting with = + - @, tab or CR) get a leading quote.
/// </summary>
internal sealed class VisitCsvResult(IAsyncEnumerable<VisitExportRow> rows) : IActionResult
{
    private static readonly System.Buffers.SearchValues<char> CellsToQuote = System.Buffers.SearchValues.Create(",;\t\"\r\n");

    /// <summary>About 32 KB of CSV per write and flush.</summary>
    private const int ChunkChars = 32 * 1024;

    private const string Header = "id,siteId,status,purpose,visitorName,visitorPhone,visitorCompany,hostName,badgeCode,createdAt,approvedAt,checkedInAt,checkedOutAt";

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        var cancellationToken = context.HttpContext.RequestAborted;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = "attachment; filename=\"visits.csv\"";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(false), bufferSize: 16 * 1024);
        await writer.WriteAsync(Header.AsMemory(), cancellationToken);
        await writer.WriteAsync("\r\n".AsMemory(), cancellationToken);
        // Rows are formatted into one buffer (ids, statuses and times straight into it, without a string each) and
        // handed to the writer a few hundred at a time: one awaited write per row cost more than the formatting.
        var lines = new StringBuilder(ChunkChars + 1024);
        var count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            lines.Append(CultureInfo.InvariantCulture, $"{row.Id},{row.SiteId},{row.Status},");
            Append(lines, row.Purpose).Append(',');
            Append(lines, row.VisitorName).Append(',');
            Append(lines, row.VisitorPhone).Append(',');
            Append(lines, row.VisitorCompany).Append(',');
            Append(lines, row.HostName).Append(',');
            Append(lines, row.BadgeCode).Append(',');
            AppendTime(lines, row.CreatedAt).Append(',');
            AppendTime(lines, row.ApprovedAt).Append(',');
            AppendTime(lines, row.CheckedInAt).Append(',');
            AppendTime(lines, row.CheckedOutAt).Append("\r\n");
            // The first row leaves at once (the download starts while the rest is read; a database failure before it still
            // answers a problem), then a chunk at a time.
            if (++count == 1 || lines.Length >= ChunkChars)
            {
                await writer.WriteAsync(lines, cancellationToken);
                await writer.FlushAsync(cancellationToken);
                lines.Clear();
            }
        }

        await writer.WriteAsync(lines, cancellationToken);
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// Appends one RFC 4180 cell, neutralising formula injection: quoted when it holds a comma, semicolon, tab, quote, CR or
    /// LF (spreadsheets that split on semicolons or tabs would start a new cell inside it).
    /// </summary>
    internal static StringBuilder Append(StringBuilder line, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return line;
        }

        var guarded = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        if (guarded.AsSpan().IndexOfAny(CellsToQuote) < 0)
        {
            return line.Append(guarded);
        }

        return line.Append('"').Append(guarded.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    private static StringBuilder AppendTime(StringBuilder line, DateTimeOffset? value) =>
        value is { } at ? UtcTime.Append(line, at) : line;
}
