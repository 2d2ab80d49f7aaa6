using System.Runtime.CompilerServices;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visits;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Visits.Queries.ExportVisits;

/// <summary>Visits whose <c>createdAt</c> is in [from, to), oldest first, as a stream: rows are read while they are written out.</summary>
public sealed record ExportVisitsQuery(DateTimeOffset? From, DateTimeOffset? To) : IQuery<Result<IAsyncEnumerable<VisitExportRow>>>;

public sealed record VisitExportRow(
    Guid Id,
    Guid SiteId,
    VisitStatus Status,
    string Purpose,
    string? VisitorName,
    string? VisitorPhone,
    string? VisitorCompany,
    string HostName,
    string BadgeCode,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ApprovedAt,
    DateTimeOffset? CheckedInAt,
    DateTimeOffset? CheckedOutAt);

public sealed class ExportVisitsQueryValidator : AbstractValidator<ExportVisitsQuery>
{
    public ExportVisitsQueryValidator() =>
        RuleFor(x => x.To).GreaterThan(x => x.From).When(x => x.From.HasValue && x.To.HasValue).WithMessage("Must be after from.");
}

public sealed class ExportVisitsQueryHandler(IApplicationDbContext db) : IQueryHandler<ExportVisitsQuery, Result<IAsyncEnumerable<VisitExportRow>>>
{
    /// <summary>Rows read per query: a few MB at most, whatever the export's size.</summary>
    public const int BatchSize = 2_000;

    public ValueTask<Result<IAsyncEnumerable<VisitExportRow>>> Handle(ExportVisitsQuery query, CancellationToken cancellationToken)
    {
        var visits = db.Visits.AsNoTracking();
        if (query.From is { } from)
        {
            var fromUtc = from.ToUniversalTime();
            visits = visits.Where(v => v.CreatedAt >= fromUtc);
        }

        if (query.To is { } to)
        {
            var toUtc = to.ToUniversalTime();
            visits = visits.Where(v => v.CreatedAt < toUtc);
        }

        return ValueTask.FromResult(Result<IAsyncEnumerable<VisitExportRow>>.Success(InBatches(visits, CancellationToken.None)));
    }

    /// <summary>
    /// The export in keyset batches, oldest first: each batch is one indexed range query of <see cref="BatchSize"/> rows.
    /// One query over every row would be buffered whole by EF Core (the retrying execution strategy buffers results so
    /// that it can retry), and PostgreSQL would sort the whole table before the first row; batches keep memory constant
    /// and the first row at hand at once. The next batch is read while the current one is written out, so the database
    /// and the writer work side by side instead of taking turns.
    /// </summary>
    private async IAsyncEnumerable<VisitExportRow> InBatches(IQueryable<Visit> visits, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(visits, cancellationToken);
        while (rows.Count > 0)
        {
            Task<List<VisitExportRow>>? next = null;
            if (rows.Count == BatchSize)
            {
                var (lastAt, lastId) = (rows[^1].CreatedAt, rows[^1].Id);
                next = ReadAsync(visits.Where(v => v.CreatedAt >= lastAt && (v.CreatedAt > lastAt || v.Id > lastId)), cancellationToken);
            }

            var written = false;
            try
            {
                foreach (var row in rows)
                {
                    yield return row;
                }

                written = true;
            }
            finally
            {
                if (!written && next is not null)
                {
                    // The reader stopped early (the client went away): the query owns the context until it ends, and its
                    // outcome no longer matters.
                    await Task.WhenAny(next);
                    _ = next.Exception;
                }
            }

            rows = next is null ? [] : await next;
        }
    }

    private Task<List<VisitExportRow>> ReadAsync(IQueryable<Visit> batch, CancellationToken cancellationToken) => (
        from v in batch.OrderBy(v => v.CreatedAt).ThenBy(v => v.Id).Take(BatchSize)
        join p in db.Visitors on v.VisitorId equals p.Id
        join h in db.Users on v.HostId equals h.Id
        orderby v.CreatedAt, v.Id
        select new VisitExportRow(v.Id, v.SiteId, v.Status, v.Purpose, p.FullName, p.PhoneNumber, p.Company, h.FullName, v.BadgeCode,
            v.CreatedAt, v.ApprovedAt, v.CheckedInAt, v.CheckedOutAt)).ToListAsync(cancellationToken);
}
