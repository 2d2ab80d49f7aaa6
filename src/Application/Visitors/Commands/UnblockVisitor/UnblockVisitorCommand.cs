using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Application.Visitors.Commands.BlockVisitor;
using CleanVisitors.Domain.Common;
using Mediator;

namespace CleanVisitors.Application.Visitors.Commands.UnblockVisitor;

[Authorize(Roles = Roles.Admin)]
public sealed record UnblockVisitorCommand(Guid Id) : ICommand<Result<VisitorDto>>;

public sealed class UnblockVisitorCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider time)
    : ICommandHandler<UnblockVisitorCommand, Result<VisitorDto>>
{
    public ValueTask<Result<VisitorDto>> Handle(UnblockVisitorCommand command, CancellationToken cancellationToken) =>
        db.ChangeVisitorAsync(command.Id, v => v.Unblock(currentUser.RequiredId, time.GetUtcNow()), cancellationToken);
}
