using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Persistence;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Application.Common.Validation;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visitors;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Visitors.Commands.BlockVisitor;

[Authorize(Roles = Roles.Admin)]
public sealed record BlockVisitorCommand(Guid Id, string? Reason) : ICommand<Result<VisitorDto>>;

public sealed class BlockVisitorCommandValidator : AbstractValidator<BlockVisitorCommand>
{
    public BlockVisitorCommandValidator() =>
        RuleFor(x => x.Reason).NotEmpty().WithMessage("Is required.").SingleLineText(Limits.ReasonMaxLength);
}

public sealed class BlockVisitorCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider time)
    : ICommandHandler<BlockVisitorCommand, Result<VisitorDto>>
{
    public ValueTask<Result<VisitorDto>> Handle(BlockVisitorCommand command, CancellationToken cancellationToken) =>
        db.ChangeVisitorAsync(command.Id, v => v.Block(command.Reason!, currentUser.RequiredId, time.GetUtcNow()), cancellationToken);
}

internal static class VisitorChanges
{
    /// <summary>Loads a visitor, applies one domain change, saves, and answers the visitor as it now is.</summary>
    public static async ValueTask<Result<VisitorDto>> ChangeVisitorAsync(this IApplicationDbContext db, Guid id, Func<Visitor, Result> change, CancellationToken cancellationToken)
    {
        var visitor = await db.Visitors.FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (visitor is null)
        {
            return VisitorErrors.NotFound(id);
        }

        var changed = change(visitor);
        if (changed.IsFailure)
        {
            return changed.Error;
        }

        var saved = await db.TrySaveChangesAsync(_ => VisitorErrors.ConcurrentChange(visitor.Id), cancellationToken);
        return saved.IsSuccess ? VisitorDto.From(visitor) : saved.Error;
    }
}
