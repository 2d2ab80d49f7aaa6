using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Domain.Common;
using Mediator;

namespace CleanVisitors.Application.Visits.Commands.CheckOutVisit;

[Authorize(Roles = Roles.Any)]
public sealed record CheckOutVisitCommand(Guid Id) : ICommand<Result<VisitDto>>;

public sealed class CheckOutVisitCommandHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider time)
    : ICommandHandler<CheckOutVisitCommand, Result<VisitDto>>
{
    public ValueTask<Result<VisitDto>> Handle(CheckOutVisitCommand command, CancellationToken cancellationToken) =>
        VisitTransition.RunAsync(db, user, command.Id, (visit, _) => VisitTransition.Sync(visit.CheckOut(user.RequiredId, time.GetUtcNow())), cancellationToken);
}
