using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Persistence;
using CleanVisitors.Application.Common.Validation;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visits;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Approvals.Commands.DecideApproval;

/// <summary>The host's decision through an approval link: approve or reject, once; the link is then spent.</summary>
[AllowAnonymous]
public sealed record DecideApprovalCommand(string Token, string? Decision, string? Reason) : ICommand<Result<ApprovalOutcomeDto>>;

public sealed class DecideApprovalCommandValidator : AbstractValidator<DecideApprovalCommand>
{
    public DecideApprovalCommandValidator()
    {
        RuleFor(x => x.Decision).NotEmpty().WithMessage("Is required.")
            .SetValidator(new AllowedValuesValidator<DecideApprovalCommand>("approve", "reject"));
        RuleFor(x => x.Reason).SingleLineText(Limits.ReasonMaxLength);
    }
}

public sealed class DecideApprovalCommandHandler(IApplicationDbContext db, TimeProvider time) : ICommandHandler<DecideApprovalCommand, Result<ApprovalOutcomeDto>>
{
    public async ValueTask<Result<ApprovalOutcomeDto>> Handle(DecideApprovalCommand command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var token = await db.FindAsync(command.Token, track: true, cancellationToken);
        var visit = token is null ? null : await db.Visits.FirstOrDefaultAsync(v => v.Id == token.VisitId, cancellationToken);
        var hostIsActive = visit is not null && await db.Users.AnyAsync(u => u.Id == visit.HostId && u.IsActive, cancellationToken);
        if (ApprovalTokenLookup.Refusal(token, visit?.Status, hostIsActive, now) is { } refusal)
        {
            return refusal;
        }

        var decided = command.Decision == "approve"
            ? visit!.Approve(visit.HostId, now)
            : visit!.Reject(string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason, visit.HostId, now);
        var saved = await decided.ThenAsync(() =>
        {
            token!.Use(now);
            return db.TrySaveChangesAsync(_ => VisitErrors.ConcurrentChange(visit.Id), cancellationToken);
        });
        return saved.Then<ApprovalOutcomeDto>(() => new ApprovalOutcomeDto(visit.Id, visit.Status));
    }
}
