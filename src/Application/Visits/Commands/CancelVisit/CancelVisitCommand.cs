using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Domain.Common;
using Mediator;

namespace CleanVisitors.Application.Visits.Commands.CancelVisit;

[Authorize(Roles = Roles.Any)]
public sealed record CancelVisitCommand(Guid Id) : ICommand<Result<VisitDto>>;

public sealed class CancelVisitCommandHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider time)
    : ICommandHandler<CancelVisitCommand, Result<VisitDto>>
{
    public ValueTask<Result<VisitDto>> Handle(CancelVisitCommand command, CancellationToken cancellationToken) =>
        VisitTransition.RunAsync(db, user, command.Id, (visit, _) => VisitTransition.Sync(visit.Cancel(user.RequiredId, time.GetUtcNow())), cancellationToken);
}
