using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Domain.Common;
using FluentValidation;
using Mediator;

namespace CleanVisitors.Application.Visits.Queries.ExportVisits;

/// <summary>Visits whose <c>createdAt</c> is in [from, to), oldest first, as a stream: rows are read while they are written out.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed record ExportVisitsQuery(DateTimeOffset? From, DateTimeOffset? To) : IQuery<Result<IAsyncEnumerable<VisitExportRow>>>;

public sealed class ExportVisitsQueryValidator : AbstractValidator<ExportVisitsQuery>
{
    public ExportVisitsQueryValidator() =>
        RuleFor(x => x.To).GreaterThan(x => x.From).When(x => x.From.HasValue && x.To.HasValue).WithMessage("Must be after from.");
}

public sealed class ExportVisitsQueryHandler(IVisitExportSource source) : IQueryHandler<ExportVisitsQuery, Result<IAsyncEnumerable<VisitExportRow>>>
{
    public ValueTask<Result<IAsyncEnumerable<VisitExportRow>>> Handle(ExportVisitsQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Result<IAsyncEnumerable<VisitExportRow>>.Success(
            source.ReadAsync(query.From?.ToUniversalTime(), query.To?.ToUniversalTime(), CancellationToken.None)));
}
