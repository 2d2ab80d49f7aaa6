using CleanVisitors.Domain.Common;

namespace CleanVisitors.Domain.Visitors;

public static class VisitorErrors
{
    public static Error NotFound(Guid id) => Error.NotFound("visitor.not_found", $"Visitor {id} was not found.");

    public static Error Erased(Guid id) =>
        Error.Conflict("visitor.erased", $"Visitor {id} has been erased; their data can no longer change.");

    public static Error Blocked(Guid id) =>
        Error.Conflict("visitor.blocked", $"Visitor {id} is blocked and cannot get a visit or check in.");

    public static Error OnSite(Guid id) =>
        Error.Conflict("visitor.on_site", $"Visitor {id} is checked in; check them out before erasing their data.");

    public static Error PhoneNumberExists(Guid existingId) =>
        Error.Conflict("visitor.phone_exists", "A visitor with this phone number already exists.") with
        {
            Extensions = new Dictionary<string, object?> { ["existingId"] = existingId },
        };

    public const string ConcurrentChangeCode = "visitor.concurrent_change";

    public static Error ConcurrentChange(Guid id) =>
        Error.Conflict(ConcurrentChangeCode, $"Visitor {id} was changed by another request at the same time; reload and try again.");

    public static Error HasOpenVisit(Guid visitorId) =>
        Error.Conflict("visitor.open_visit", $"Visitor {visitorId} already has an open visit (pending, approved or checked in).");
}
