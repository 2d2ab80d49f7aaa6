using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Application.Common.Validation;
using CleanVisitors.Domain.Common;
using FluentValidation;
using Mediator;

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
