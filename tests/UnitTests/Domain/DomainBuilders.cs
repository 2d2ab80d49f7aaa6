using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Users;
using CleanVisitors.Domain.Visitors;
using CleanVisitors.Domain.Visits;
using Microsoft.Extensions.Time.Testing;

namespace CleanVisitors.UnitTests.Domain;

/// <summary>
/// Valid domain objects with sensible defaults, so a test states only what matters to it. Every object is
/// returned with its domain events cleared: a test sees only the events of the call it makes.
/// </summary>
internal static class DomainBuilders
{
    public static readonly DateTimeOffset Start = new(2026, 11, 26, 9, 30, 0, TimeSpan.Zero);

    public static readonly Guid SiteId = Guid.Parse("0193a1b2-0000-7000-8000-000000000001");

    public static readonly Guid ActorId = Guid.Parse("0193a1b2-0000-7000-8000-0000000000a1");

    /// <summary>A clock at <see cref="Start"/>; tests advance it so each step has its own time.</summary>
    public static FakeTimeProvider Clock() => new(Start);

    public static PhoneNumber Phone(string e164 = "+14155550123") => PhoneNumber.FromE164(e164).Value;

    public static Email Email(string address = "someone@example.com") => CleanVisitors.Domain.Common.Email.Create(address).Value;

    public static User User(UserRole role = UserRole.Host, bool isActive = true, DateTimeOffset? now = null)
    {
        var at = now ?? Start;
        var user = CleanVisitors.Domain.Users.User.Create(Email($"{role.ToString().ToLowerInvariant()}@example.com"), "Hana Host",
            Phone("+442079460958"), role, "not-a-real-hash", null, at);
        if (!isActive)
        {
            user.Update(null, null, null, isActive: false, ActorId, at);
        }

        user.ClearDomainEvents();
        return user;
    }

    public static User Host(bool isActive = true, DateTimeOffset? now = null) => User(UserRole.Host, isActive, now);

    public static Visitor Visitor(bool isBlocked = false, bool isErased = false, DateTimeOffset? now = null)
    {
        var at = now ?? Start;
        var visitor = CleanVisitors.Domain.Visitors.Visitor.Create("Vera Visitor", Phone(), Email("vera@example.com"), "Acme Ltd", ActorId, at);
        if (isBlocked)
        {
            visitor.Block("Threatened the front desk", ActorId, at);
        }

        if (isErased)
        {
            visitor.Erase(ActorId, at);
        }

        visitor.ClearDomainEvents();
        return visitor;
    }

    public static Visit PendingVisit(Visitor? visitor = null, User? host = null, DateTimeOffset? now = null)
    {
        var visit = Visit.Register(SiteId, visitor ?? Visitor(), host ?? Host(), "Quarterly review", "Bring the slides",
            Start.AddHours(2), BadgeCode.New(), ActorId, now ?? Start).Value;
        visit.ClearDomainEvents();
        return visit;
    }

    /// <summary>
    /// A visit in <paramref name="status"/>, reached the way production reaches it: registered, then moved through
    /// the domain methods. The clock advances one minute before each step.
    /// </summary>
    public static Visit VisitIn(VisitStatus status, Visitor visitor, FakeTimeProvider clock)
    {
        var visit = PendingVisit(visitor, now: clock.GetUtcNow());
        Func<DateTimeOffset, Result>[] steps = status switch
        {
            VisitStatus.PendingApproval => [],
            VisitStatus.Approved => [now => visit.Approve(ActorId, now)],
            VisitStatus.Rejected => [now => visit.Reject("Not today", ActorId, now)],
            VisitStatus.CheckedIn => [now => visit.Approve(ActorId, now), now => visit.CheckIn(visitor, ActorId, now)],
            VisitStatus.CheckedOut =>
                [now => visit.Approve(ActorId, now), now => visit.CheckIn(visitor, ActorId, now), now => visit.CheckOut(ActorId, now)],
            VisitStatus.Cancelled => [now => visit.Cancel(ActorId, now)],
            VisitStatus.Expired => [now => visit.Expire(now)],
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
        };

        foreach (var step in steps)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            var result = step(clock.GetUtcNow());
            if (result.IsFailure)
            {
                throw new InvalidOperationException($"Could not build a {status} visit: {result.Error.Code}.");
            }
        }

        if (visit.Status != status)
        {
            throw new InvalidOperationException($"Built a {visit.Status} visit instead of {status}.");
        }

        visit.ClearDomainEvents();
        return visit;
    }
}
