using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Application.Common.Validation;
using CleanVisitors.Domain.Common;
using FluentValidation;
using Mediator;

namespace CleanVisitors.Application.Visits.Commands.RejectVisit;

[Authorize(Roles = Roles.AdminOrHost)]
public sealed record RejectVisitCommand(Guid Id, string? Reason) : ICommand<Result<VisitDto>>;

public sealed class RejectVisitCommandValidator : AbstractValidator<RejectVisitCommand>
{
    public RejectVisitCommandValidator() => RuleFor(x => x.Reason).SingleLineText(Limits.ReasonMaxLength);
}

public sealed class RejectVisitCommandHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider time)
    : ICommandHandler<RejectVisitCommand, Result<VisitDto>>
{
    public ValueTask<Result<VisitDto>> Handle(RejectVisitCommand command, CancellationToken cancellationToken) =>
        VisitTransition.RunAsync(
            db, user, command.Id,
            (visit, _) => VisitTransition.Sync(visit.Reject(string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason, user.RequiredId, time.GetUtcNow())),
            cancellationToken);
}
