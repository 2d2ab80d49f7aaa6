using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visits;
using FluentValidation;
using Mediator;

namespace CleanVisitors.Application.Visits.Queries.ExportVisits;

/// <summary>Visits whose <c>createdAt</c> is in [from, to), oldest first, as a stream: rows are read while they are written out.</summary>
[Authorize(Roles = Roles.Admin)]
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

/// <summary>
/// Reads the export's rows, oldest first (<c>createdAt</c>, then id), as a stream: memory stays constant whatever the
/// row count, and the first row is at hand at once. A port of its own because EF Core cannot stream here: with the
/// retrying execution strategy it buffers every result (so that a retried query cannot hand out rows twice).
/// </summary>
public interface IVisitExportSource
{
    IAsyncEnumerable<VisitExportRow> ReadAsync(DateTimeOffset? fromUtc, DateTimeOffset? toUtc, CancellationToken cancellationToken);
}

public sealed class ExportVisitsQueryHandler(IVisitExportSource source) : IQueryHandler<ExportVisitsQuery, Result<IAsyncEnumerable<VisitExportRow>>>
{
    public ValueTask<Result<IAsyncEnumerable<VisitExportRow>>> Handle(ExportVisitsQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Result<IAsyncEnumerable<VisitExportRow>>.Success(
            source.ReadAsync(query.From?.ToUniversalTime(), query.To?.ToUniversalTime(), CancellationToken.None)));
}
