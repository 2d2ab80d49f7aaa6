using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Domain.Common;
using Mediator;

namespace CleanVisitors.Application.Visitors.Commands.EraseVisitor;

/// <summary>The right to erasure: the person's data goes, their visits stay anonymised.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed record EraseVisitorCommand(Guid Id) : ICommand<Result>;

public sealed class EraseVisitorCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider time)
    : ICommandHandler<EraseVisitorCommand, Result>
{
    public async ValueTask<Result> Handle(EraseVisitorCommand command, CancellationToken cancellationToken) =>
        await VisitorEraser.EraseAsync(db, command.Id, currentUser.Id, time.GetUtcNow(), cancellationToken);
}
