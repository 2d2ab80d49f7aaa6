using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Visits.Commands.CheckInVisit;

[Authorize(Roles = Roles.AdminOrReceptionist)]
public sealed record CheckInVisitCommand(Guid Id) : ICommand<Result<VisitDto>>;

public sealed class CheckInVisitCommandHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider time)
    : ICommandHandler<CheckInVisitCommand, Result<VisitDto>>
{
    public ValueTask<Result<VisitDto>> Handle(CheckInVisitCommand command, CancellationToken cancellationToken) =>
        VisitTransition.RunAsync(db, user, command.Id, CheckInAsync, cancellationToken);

    private async ValueTask<Result> CheckInAsync(Domain.Visits.Visit visit, CancellationToken cancellationToken)
    {
        var visitor = await db.Visitors.FirstAsync(v => v.Id == visit.VisitorId, cancellationToken);
        return visit.CheckIn(visitor, user.RequiredId, time.GetUtcNow());
    }
}
