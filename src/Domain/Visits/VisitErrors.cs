using CleanVisitors.Domain.Common;

namespace CleanVisitors.Domain.Visits;

public static class VisitErrors
{
    public static Error NotFound(Guid id) => Error.NotFound("visit.not_found", $"Visit {id} was not found.");

    public static Error BadgeNotFound(string code) => Error.NotFound("visit.badge_not_found", $"No visit has badge code {code}.");

    public static Error InvalidTransition(VisitStatus current, VisitStatus target) =>
        Error.Conflict("visit.invalid_transition", $"The visit is {current}; it cannot become {target}.") with
        {
            Extensions = new Dictionary<string, object?> { ["currentStatus"] = current.ToString() },
        };

    /// <summary>
    /// A Host's invitation the visitor's state forbids. Deliberately the same for every reason (blocked, erased, an open
    /// visit): a Host learns nothing about the visitor directory (API.md); the reason is in the audit log.
    /// </summary>
    public static readonly Error CannotInvite =
        Error.Conflict("visit.cannot_invite", "This visit cannot be made. Please ask the front desk for help.");

    public static Error ConcurrentChange(Guid id) =>
        Error.Conflict("visit.concurrent_change", $"Visit {id} was changed by another request at the same time; reload it and try again.");
}
