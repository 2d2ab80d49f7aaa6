using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Users;
using CleanVisitors.Domain.Visitors;
using CleanVisitors.Domain.Visits;

namespace CleanVisitors.UnitTests.Domain;

public class VisitTests
{
    private static readonly DateTimeOffset Now = DomainBuilders.Start;

    private static Result<Visit> Register(Visitor visitor, User host) =>
        Visit.Register(DomainBuilders.SiteId, visitor, host, "Quarterly review", null, null, BadgeCode.New(), DomainBuilders.ActorId, Now);

    private static Result<Visit> Invite(Visitor visitor, User host) =>
        Visit.Invite(DomainBuilders.SiteId, visitor, Invitee, host, "Quarterly review", null, Now.AddHours(3), BadgeCode.New(), Now);

    private static readonly Invitee Invitee = new("Ina Invited", "+4915112345678", "Sent Company");

    [Fact]
    public void Register_StartsPendingApproval_AndRaisesVisitCreated()
    {
        var visitor = DomainBuilders.Visitor();
        var host = DomainBuilders.Host();
        var badge = BadgeCode.New();

        var visit = Visit.Register(DomainBuilders.SiteId, visitor, host, "Quarterly review", "Bring the slides", null, badge,
            DomainBuilders.ActorId, Now).Value;

        Assert.Equal(VisitStatus.PendingApproval, visit.Status);
        Assert.Null(visit.ApprovedAt);
        Assert.Null(visit.DecidedById);
        Assert.Equal(badge.Value, visit.BadgeCode);
        Assert.Equal(DomainBuilders.ActorId, visit.CreatedById);
        Assert.Equal(Now, visit.CreatedAt);
        Assert.Equal(Now, visitor.LastVisitAt);
        var created = Assert.IsType<VisitCreated>(Assert.Single(visit.DomainEvents));
        Assert.Equal(VisitStatus.PendingApproval, created.Status);
        Assert.Equal(host.Id, created.HostId);
        Assert.Equal(visitor.Id, created.VisitorId);
    }

    [Fact]
    public void Invite_StartsApproved_WithApprovedAtAndTheHostAsDecider()
    {
        var host = DomainBuilders.Host();
        var expectedAt = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(1));

        var visit = Visit.Invite(DomainBuilders.SiteId, DomainBuilders.Visitor(), Invitee, host, "Interview", null, expectedAt, BadgeCode.New(), Now).Value;

        Assert.Equal(VisitStatus.Approved, visit.Status);
        Assert.Equal((Invitee.FullName, Invitee.PhoneNumber, Invitee.Company), (visit.InviteeFullName, visit.InviteePhoneNumber, visit.InviteeCompany));
        Assert.Equal(Now, visit.ApprovedAt);
        Assert.Equal(host.Id, visit.DecidedById);
        Assert.Equal(host.Id, visit.CreatedById);
        Assert.Equal(expectedAt, visit.ExpectedAt);
        Assert.Equal(TimeSpan.Zero, visit.ExpectedAt!.Value.Offset);
        var created = Assert.IsType<VisitCreated>(Assert.Single(visit.DomainEvents));
        Assert.Equal(VisitStatus.Approved, created.Status);
    }

    [Fact]
    public void Register_WhenVisitorIsBlocked_ReturnsConflict()
    {
        var visitor = DomainBuilders.Visitor(isBlocked: true);

        var result = Register(visitor, DomainBuilders.Host());

        AssertConflict(result, "visitor.blocked");
        Assert.Null(visitor.LastVisitAt);
    }

    [Fact]
    public void Invite_WhenVisitorIsBlocked_ReturnsConflict() =>
        AssertConflict(Invite(DomainBuilders.Visitor(isBlocked: true), DomainBuilders.Host()), "visitor.blocked");

    [Fact]
    public void Register_WhenVisitorIsErased_ReturnsConflict() =>
        AssertConflict(Register(DomainBuilders.Visitor(isErased: true), DomainBuilders.Host()), "visitor.erased");

    [Fact]
    public void Invite_WhenVisitorIsErased_ReturnsConflict() =>
        AssertConflict(Invite(DomainBuilders.Visitor(isErased: true), DomainBuilders.Host()), "visitor.erased");

    [Theory]
    [InlineData(UserRole.Admin)]
    [InlineData(UserRole.Receptionist)]
    public void Register_WhenHostIsNotAHost_ReturnsValidationErrorOnHostId(UserRole role) =>
        AssertInvalidHost(Register(DomainBuilders.Visitor(), DomainBuilders.User(role)));

    [Fact]
    public void Register_WhenHostIsInactive_ReturnsValidationErrorOnHostId() =>
        AssertInvalidHost(Register(DomainBuilders.Visitor(), DomainBuilders.Host(isActive: false)));

    [Theory]
    [InlineData(UserRole.Admin)]
    [InlineData(UserRole.Receptionist)]
    public void Invite_WhenHostIsNotAHost_ReturnsValidationErrorOnHostId(UserRole role) =>
        AssertInvalidHost(Invite(DomainBuilders.Visitor(), DomainBuilders.User(role)));

    [Fact]
    public void Invite_WhenHostIsInactive_ReturnsValidationErrorOnHostId() =>
        AssertInvalidHost(Invite(DomainBuilders.Visitor(), DomainBuilders.Host(isActive: false)));

    [Fact]
    public void CheckIn_WhenVisitorWasBlockedAfterApproval_ReturnsConflictAndStaysApproved()
    {
        var clock = DomainBuilders.Clock();
        var visitor = DomainBuilders.Visitor();
        var visit = DomainBuilders.VisitIn(VisitStatus.Approved, visitor, clock);
        visitor.Block("Banned after the approval", DomainBuilders.ActorId, clock.GetUtcNow());

        var result = visit.CheckIn(visitor, DomainBuilders.ActorId, clock.GetUtcNow());

        AssertConflict(result, "visitor.blocked");
        Assert.Equal(VisitStatus.Approved, visit.Status);
        Assert.Null(visit.CheckedInAt);
        Assert.Empty(visit.DomainEvents);
    }

    [Fact]
    public void CheckIn_WhenVisitIsPendingApproval_ReturnsConflict()
    {
        var visitor = DomainBuilders.Visitor();
        var visit = DomainBuilders.PendingVisit(visitor);

        var result = visit.CheckIn(visitor, DomainBuilders.ActorId, Now);

        AssertConflict(result, "visit.invalid_transition");
        Assert.Equal(nameof(VisitStatus.PendingApproval), result.Error!.Extensions!["currentStatus"]);
    }

    [Fact]
    public void CheckIn_WithAnotherVisitor_Throws()
    {
        var clock = DomainBuilders.Clock();
        var visit = DomainBuilders.VisitIn(VisitStatus.Approved, DomainBuilders.Visitor(), clock);

        Assert.Throws<ArgumentException>(() => visit.CheckIn(DomainBuilders.Visitor(), DomainBuilders.ActorId, Now));
        Assert.Equal(VisitStatus.Approved, visit.Status);
    }

    [Fact]
    public void CheckIn_RecordsTheVisitorsLastVisit()
    {
        var clock = DomainBuilders.Clock();
        var visitor = DomainBuilders.Visitor();
        var visit = DomainBuilders.VisitIn(VisitStatus.Approved, visitor, clock);
        clock.Advance(TimeSpan.FromHours(1));

        visit.CheckIn(visitor, DomainBuilders.ActorId, clock.GetUtcNow());

        Assert.Equal(clock.GetUtcNow(), visitor.LastVisitAt);
    }

    [Fact]
    public void Approve_RecordsWhoDecided()
    {
        var visit = DomainBuilders.PendingVisit();
        var approver = Guid.CreateVersion7();

        visit.Approve(approver, Now);

        Assert.Equal(approver, visit.DecidedById);
    }

    [Fact]
    public void Reject_RecordsTheReasonAndWhoDecided()
    {
        var visit = DomainBuilders.PendingVisit();
        var approver = Guid.CreateVersion7();

        visit.Reject("Host is travelling", approver, Now);

        Assert.Equal("Host is travelling", visit.RejectionReason);
        Assert.Equal(approver, visit.DecidedById);
    }

    [Fact]
    public void Anonymise_DropsTheFreeText()
    {
        var visit = DomainBuilders.PendingVisit();
        visit.Reject("Known to security as Vera V.", DomainBuilders.ActorId, Now);

        visit.Anonymise();

        Assert.Null(visit.Notes);
        Assert.Null(visit.RejectionReason);
        Assert.Equal(Visit.ErasedPurpose, visit.Purpose);
    }

    [Fact]
    public void Anonymise_DropsTheVisitorAsTheInvitingHostGaveThem()
    {
        var visit = Invite(DomainBuilders.Visitor(), DomainBuilders.Host()).Value;

        visit.Anonymise();

        Assert.Equal(Visit.ErasedPurpose, visit.Purpose);
        Assert.Null(visit.InviteeFullName);
        Assert.Null(visit.InviteePhoneNumber);
        Assert.Null(visit.InviteeCompany);
    }

    private static void AssertConflict(Result result, string code)
    {
        Assert.True(result.IsFailure);
        Assert.Equal(ErrorType.Conflict, result.Error.Type);
        Assert.Equal(code, result.Error.Code);
    }

    private static void AssertInvalidHost(Result<Visit> result)
    {
        Assert.True(result.IsFailure);
        Assert.Equal(ErrorType.Validation, result.Error.Type);
        Assert.NotNull(result.Error.ValidationErrors);
        Assert.Equal(["hostId"], result.Error.ValidationErrors.Keys);
    }
}
