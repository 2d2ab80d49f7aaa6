using CleanVisitors.Domain.Common;

namespace CleanVisitors.Domain.Visitors;

/// <summary>
/// The person who visits. Holds their personal data until it is erased (right to erasure, or retention);
/// afterwards every personal field is null and only the anonymous record stays.
/// </summary>
public sealed class Visitor : Entity
{
    private Visitor(Guid id, string fullName, string phoneNumber, string? email, string? company, DateTimeOffset createdAt)
        : base(id)
    {
        FullName = fullName;
        PhoneNumber = phoneNumber;
        Email = email;
        Company = company;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    public string? FullName { get; private set; }

    public string? PhoneNumber { get; private set; }

    public string? Email { get; private set; }

    public string? Company { get; private set; }

    public bool IsBlocked { get; private set; }

    public string? BlockReason { get; private set; }

    public bool IsErased { get; private set; }

    public DateTimeOffset? ErasedAt { get; private set; }

    public string? PhotoKey { get; private set; }

    /// <summary>
    /// Concurrency token (PostgreSQL <c>xmin</c>): of two concurrent changes, one wins, so an erasure racing a new visit,
    /// a photo or an edit of the same person is never undone by the other.
    /// </summary>
    public uint Version { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? LastVisitAt { get; private set; }

    public static Visitor Create(string fullName, PhoneNumber phoneNumber, Email? email, string? company, Guid? actorId, DateTimeOffset now)
    {
        var visitor = new Visitor(Guid.CreateVersion7(now), fullName, phoneNumber.Value, email?.Value, company, now);
        visitor.Raise(new VisitorChanged(visitor.Id, "visitor.created", null, actorId, now));
        return visitor;
    }

    public Result Update(string fullName, PhoneNumber phoneNumber, Email? email, string? company, Guid actorId, DateTimeOffset now)
    {
        if (IsErased)
        {
            return VisitorErrors.Erased(Id);
        }

        FullName = fullName;
        PhoneNumber = phoneNumber.Value;
        Email = email?.Value;
        Company = company;
        UpdatedAt = now;
        Raise(new VisitorChanged(Id, "visitor.updated", null, actorId, now));
        return Result.Success();
    }

    public Result Block(string reason, Guid actorId, DateTimeOffset now)
    {
        if (IsErased)
        {
            return VisitorErrors.Erased(Id);
        }

        IsBlocked = true;
        BlockReason = reason;
        UpdatedAt = now;
        Raise(new VisitorChanged(Id, "visitor.blocked", null, actorId, now));
        return Result.Success();
    }

    public Result Unblock(Guid actorId, DateTimeOffset now)
    {
        if (IsErased)
        {
            return VisitorErrors.Erased(Id);
        }

        IsBlocked = false;
        BlockReason = null;
        UpdatedAt = now;
        Raise(new VisitorChanged(Id, "visitor.unblocked", null, actorId, now));
        return Result.Success();
    }

    /// <summary>Records that the visitor has a new visit (drives retention).</summary>
    public void Touch(DateTimeOffset now) => LastVisitAt = now;

    public Result SetPhoto(string photoKey, Guid actorId, DateTimeOffset now)
    {
        if (IsErased)
        {
            return VisitorErrors.Erased(Id);
        }

        PhotoKey = photoKey;
        UpdatedAt = now;
        Raise(new VisitorChanged(Id, "visitor.photo_set", null, actorId, now));
        return Result.Success();
    }

    /// <summary>
    /// Records, for the front desk's audit log, that a Host's invitation of this visitor was refused and why (the error
    /// code): the Host is told only that the invitation cannot be made.
    /// </summary>
    public void RecordRefusedInvitation(Guid hostId, string reasonCode, DateTimeOffset now) =>
        Raise(new VisitorChanged(Id, "visitor.invitation_refused", reasonCode, hostId, now));

    /// <summary>
    /// Erases every personal field. The caller must make sure the visitor is not on site and anonymise
    /// their visits' free text (<see cref="Visits.Visit.Anonymise"/>); the photo key is returned through the event.
    /// </summary>
    public Result Erase(Guid? actorId, DateTimeOffset now)
    {
        if (IsErased)
        {
            return Result.Success();
        }

        var photoKey = PhotoKey;
        FullName = null;
        PhoneNumber = null;
        Email = null;
        Company = null;
        BlockReason = null;
        PhotoKey = null;
        IsErased = true;
        ErasedAt = now;
        UpdatedAt = now;
        Raise(new VisitorErased(Id, photoKey, actorId, now));
        return Result.Success();
    }
}
