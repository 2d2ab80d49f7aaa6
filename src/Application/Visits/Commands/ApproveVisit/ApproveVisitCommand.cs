using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Domain.Common;
using Mediator;

namespace CleanVisitors.Application.Visits.Commands.ApproveVisit;

[Authorize(Roles = Roles.AdminOrHost)]
public sealed record ApproveVisitCommand(Guid Id) : ICommand<Result<VisitDto>>;

public sealed class ApproveVisitCommandHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider time)
    : ICommandHandler<ApproveVisitCommand, Result<VisitDto>>
{
    public ValueTask<Result<VisitDto>> Handle(ApproveVisitCommand command, CancellationToken cancellationToken) =>
        VisitTransition.RunAsync(db, user, command.Id, (visit, _) => VisitTransition.Sync(visit.Approve(user.RequiredId, time.GetUtcNow())), cancellationToken);
}
