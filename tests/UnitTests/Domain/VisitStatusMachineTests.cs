using CleanVisitors.Domain.Visits;

namespace CleanVisitors.UnitTests.Domain;

public class VisitStatusMachineTests
{
    public static TheoryData<VisitStatus> AllStatuses() => [.. Enum.GetValues<VisitStatus>()];

    [Fact]
    public void Open_IsPendingApprovalApprovedAndCheckedIn() =>
        Assert.Equal([VisitStatus.PendingApproval, VisitStatus.Approved, VisitStatus.CheckedIn], VisitStatusMachine.Open.Order());

    [Theory]
    [MemberData(nameof(AllStatuses))]
    public void IsOpen_AgreesWithOpen(VisitStatus status) =>
        Assert.Equal(VisitStatusMachine.Open.Contains(status), VisitStatusMachine.IsOpen(status));

    [Theory]
    [MemberData(nameof(AllStatuses))]
    public void IsOpen_ExactlyWhenTheVisitCanStillMove(VisitStatus status) =>
        Assert.Equal(Enum.GetValues<VisitStatus>().Any(to => VisitStatusMachine.CanMove(status, to)), VisitStatusMachine.IsOpen(status));
}
