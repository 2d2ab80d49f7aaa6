using System.Globalization;
using System.Text;
using CleanVisitors.Application.Visits.Queries.ExportVisits;
using Microsoft.AspNetCore.Mvc;

namespace CleanVisitors.Api.Infrastructure;

/// <summary>
/// Writes the visit export as CSV while the rows stream from the database: memory stays constant whatever the
/// row count. Cells that a spreadsheet would run as a formula (starting with = + - @, tab or CR) get a leading quote.
/// </summary>
internal sealed class VisitCsvResult(IAsyncEnumerable<VisitExportRow> rows) : IActionResult
{
    private static readonly System.Buffers.SearchValues<char> CellsToQuote = System.Buffers.SearchValues.Create(",;\t\"\r\n");

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
        var line = new StringBuilder(256);
        var count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            line.Clear();
            Append(line, row.Id.ToString()).Append(',');
            Append(line, row.SiteId.ToString()).Append(',');
            Append(line, row.Status.ToString()).Append(',');
            Append(line, row.Purpose).Append(',');
            Append(line, row.VisitorName).Append(',');
            Append(line, row.VisitorPhone).Append(',');
            Append(line, row.VisitorCompany).Append(',');
            Append(line, row.HostName).Append(',');
            Append(line, row.BadgeCode).Append(',');
            Append(line, Time(row.CreatedAt)).Append(',');
            Append(line, Time(row.ApprovedAt)).Append(',');
            Append(line, Time(row.CheckedInAt)).Append(',');
            Append(line, Time(row.CheckedOutAt)).Append("\r\n");
            await writer.WriteAsync(line, cancellationToken);
            // The first row leaves at once (the download starts while the rest is read; a database failure before it still
            // answers a problem), then every 500.
            if (++count % 500 == 1)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

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

    private static string? Time(DateTimeOffset? value) =>
        value is { } at ? UtcTime.Format(at) : null;
}
