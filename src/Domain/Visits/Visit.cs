using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Users;
using CleanVisitors.Domain.Visitors;

namespace CleanVisitors.Domain.Visits;

/// <summary>One visit of one visitor to one host at one site, moving through <see cref="VisitStatusMachine"/>.</summary>
public sealed class Visit : Entity
{
    private Visit(Guid id, Guid siteId, Guid visitorId, Guid hostId, VisitStatus status, string purpose, string? notes,
        DateTimeOffset? expectedAt, string badgeCode, Guid? createdById, DateTimeOffset createdAt)
        : base(id)
    {
        SiteId = siteId;
        VisitorId = visitorId;
        HostId = hostId;
        Status = status;
        Purpose = purpose;
        Notes = notes;
        ExpectedAt = expectedAt;
        BadgeCode = badgeCode;
        CreatedById = createdById;
        CreatedAt = createdAt;
    }

    public Guid SiteId { get; private set; }

    public Guid VisitorId { get; private set; }

    public Guid HostId { get; private set; }

    public VisitStatus Status { get; private set; }

    public string Purpose { get; private set; }

    public string? Notes { get; private set; }

    public DateTimeOffset? ExpectedAt { get; private set; }

    public string BadgeCode { get; private set; }

    public Guid? CreatedById { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    public Guid? DecidedById { get; private set; }

    public DateTimeOffset? RejectedAt { get; private set; }

    public string? RejectionReason { get; private set; }

    public DateTimeOffset? CheckedInAt { get; private set; }

    public DateTimeOffset? CheckedOutAt { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public DateTimeOffset? ExpiredAt { get; private set; }

    /// <summary>
    /// The visitor as the inviting Host gave them (an invitation only): everything that Host is ever shown of the visitor,
    /// whichever stored visitor the phone number matched (API.md, "A Host learns nothing about the visitor directory").
    /// </summary>
    public string? InviteeFullName { get; private set; }

    /// <inheritdoc cref="InviteeFullName"/>
    public string? InviteePhoneNumber { get; private set; }

    /// <inheritdoc cref="InviteeFullName"/>
    public string? InviteeCompany { get; private set; }

    /// <summary>Concurrency token (PostgreSQL <c>xmin</c>): of two concurrent changes, one wins.</summary>
    public uint Version { get; private set; }

    /// <summary>A front-desk or admin registration: starts <see cref="VisitStatus.PendingApproval"/>; the host is asked to approve.</summary>
    public static Result<Visit> Register(Guid siteId, Visitor visitor, User host, string purpose, string? notes,
        DateTimeOffset? expectedAt, BadgeCode badgeCode, Guid createdById, DateTimeOffset now) =>
        Create(siteId, visitor, host, VisitStatus.PendingApproval, purpose, notes, expectedAt, badgeCode, createdById, now);

    /// <summary>A host's invitation for themselves: starts <see cref="VisitStatus.Approved"/> and needs an expected time.</summary>
    public static Result<Visit> Invite(Guid siteId, Visitor visitor, Invitee invitee, User host, string purpose, string? notes,
        DateTimeOffset expectedAt, BadgeCode badgeCode, DateTimeOffset now)
    {
        var result = Create(siteId, visitor, host, VisitStatus.Approved, purpose, notes, expectedAt, badgeCode, host.Id, now);
        if (result.IsSuccess)
        {
            result.Value.ApprovedAt = now;
            result.Value.DecidedById = host.Id;
            result.Value.InviteeFullName = invitee.FullName;
            result.Value.InviteePhoneNumber = invitee.PhoneNumber;
            result.Value.InviteeCompany = invitee.Company;
        }

        return result;
    }

    private static Result<Visit> Create(Guid siteId, Visitor visitor, User host, VisitStatus status, string purpose, string? notes,
        DateTimeOffset? expectedAt, BadgeCode badgeCode, Guid createdById, DateTimeOffset now)
    {
        if (visitor.IsErased)
        {
            return VisitorErrors.Erased(visitor.Id);
        }

        if (visitor.IsBlocked)
        {
            return VisitorErrors.Blocked(visitor.Id);
        }

        if (host.Role != UserRole.Host || !host.IsActive)
        {
            return Error.Validation("hostId", "Must name an active host.");
        }

        var visit = new Visit(Guid.CreateVersion7(now), siteId, visitor.Id, host.Id, status, purpose, notes,
            expectedAt?.ToUniversalTime(), badgeCode.Value, createdById, now);
        visitor.Touch(now);
        visit.Raise(new VisitCreated(visit.Id, status, visit.HostId, visit.VisitorId, createdById, now));
        return visit;
    }

    public Result Approve(Guid actorId, DateTimeOffset now)
    {
        var moved = MoveTo(VisitStatus.Approved, actorId, now);
        if (moved.IsSuccess)
        {
            ApprovedAt = now;
            DecidedById = actorId;
        }

        return moved;
    }

    public Result Reject(string? reason, Guid actorId, DateTimeOffset now)
    {
        var moved = MoveTo(VisitStatus.Rejected, actorId, now);
        if (moved.IsSuccess)
        {
            RejectedAt = now;
            RejectionReason = reason;
            DecidedById = actorId;
        }

        return moved;
    }

    public Result CheckIn(Visitor visitor, Guid actorId, DateTimeOffset now)
    {
        if (visitor.Id != VisitorId)
        {
            throw new ArgumentException("The visitor is not this visit's visitor.", nameof(visitor));
        }

        if (Status == VisitStatus.Approved && visitor.IsErased)
        {
            return VisitorErrors.Erased(visitor.Id);
        }

        if (Status == VisitStatus.Approved && visitor.IsBlocked)
        {
            return VisitorErrors.Blocked(visitor.Id);
        }

        var moved = MoveTo(VisitStatus.CheckedIn, actorId, now);
        if (moved.IsSuccess)
        {
            CheckedInAt = now;
            visitor.Touch(now);
        }

        return moved;
    }

    public Result CheckOut(Guid? actorId, DateTimeOffset now)
    {
        var moved = MoveTo(VisitStatus.CheckedOut, actorId, now);
        if (moved.IsSuccess)
        {
            CheckedOutAt = now;
        }

        return moved;
    }

    public Result Cancel(Guid? actorId, DateTimeOffset now)
    {
        var moved = MoveTo(VisitStatus.Cancelled, actorId, now);
        if (moved.IsSuccess)
        {
            CancelledAt = now;
        }

        return moved;
    }

    /// <summary>The scheduled jobs' transition: approval timed out, or an approved visitor did not show up.</summary>
    public Result Expire(DateTimeOffset now)
    {
        var moved = MoveTo(VisitStatus.Expired, null, now);
        if (moved.IsSuccess)
        {
            ExpiredAt = now;
        }

        return moved;
    }

    /// <summary>What <see cref="Purpose"/> reads after <see cref="Anonymise"/>: it is required, so it gets a fixed marker.</summary>
    public const string ErasedPurpose = "(erased)";

    /// <summary>
    /// Drops the free text that may hold the erased visitor's personal data (the purpose, the notes, the rejection reason)
    /// and the visitor as an inviting Host gave them; the anonymous history stays.
    /// </summary>
    public void Anonymise()
    {
        Purpose = ErasedPurpose;
        Notes = null;
        RejectionReason = null;
        InviteeFullName = null;
        InviteePhoneNumber = null;
        InviteeCompany = null;
    }

    private Result MoveTo(VisitStatus target, Guid? actorId, DateTimeOffset now)
    {
        if (!VisitStatusMachine.CanMove(Status, target))
        {
            return VisitErrors.InvalidTransition(Status, target);
        }

        var from = Status;
        Status = target;
        Raise(new VisitStatusChanged(Id, from, target, actorId, now));
        return Result.Success();
    }
}
