using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visits;

namespace CleanVisitors.UnitTests.Domain;

/// <summary>Every (from, to) pair of visit statuses, checked against the status machine of the API contract.</summary>
public class VisitTransitionTests
{
    /// <summary>The contract's status machine, written out independently of <see cref="VisitStatusMachine"/>.</summary>
    private static readonly HashSet<(VisitStatus From, VisitStatus To)> AllowedByContract =
    [
        (VisitStatus.PendingApproval, VisitStatus.Approved),
        (VisitStatus.PendingApproval, VisitStatus.Rejected),
        (VisitStatus.PendingApproval, VisitStatus.Cancelled),
        (VisitStatus.PendingApproval, VisitStatus.Expired),
        (VisitStatus.Approved, VisitStatus.CheckedIn),
        (VisitStatus.Approved, VisitStatus.Cancelled),
        (VisitStatus.Approved, VisitStatus.Expired),
        (VisitStatus.CheckedIn, VisitStatus.CheckedOut),
    ];

    public static TheoryData<VisitStatus, VisitStatus> AllPairs()
    {
        var data = new TheoryData<VisitStatus, VisitStatus>();
        foreach (var from in Enum.GetValues<VisitStatus>())
        {
            foreach (var to in Enum.GetValues<VisitStatus>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Fact]
    public void AllPairs_CoverEverySevenBySevenCombination() =>
        Assert.Equal(7 * 7, AllPairs().Count);

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void CanMove_MatchesTheContract(VisitStatus from, VisitStatus to) =>
        Assert.Equal(AllowedByContract.Contains((from, to)), VisitStatusMachine.CanMove(from, to));

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Transition_ThroughThePublicMethod_FollowsTheContract(VisitStatus from, VisitStatus to)
    {
        var clock = DomainBuilders.Clock();
        var visitor = DomainBuilders.Visitor();
        var visit = DomainBuilders.VisitIn(from, visitor, clock);
        var before = Timestamps(visit);
        clock.Advance(TimeSpan.FromMinutes(5));
        var now = clock.GetUtcNow();

        var result = to switch
        {
            VisitStatus.Approved => visit.Approve(DomainBuilders.ActorId, now),
            VisitStatus.Rejected => visit.Reject("No room today", DomainBuilders.ActorId, now),
            VisitStatus.CheckedIn => visit.CheckIn(visitor, DomainBuilders.ActorId, now),
            VisitStatus.CheckedOut => visit.CheckOut(DomainBuilders.ActorId, now),
            VisitStatus.Cancelled => visit.Cancel(DomainBuilders.ActorId, now),
            VisitStatus.Expired => visit.Expire(now),
            _ => null, // No method leads back to PendingApproval; the contract has no such transition.
        };

        if (result is null)
        {
            Assert.Equal(VisitStatus.PendingApproval, to);
            Assert.DoesNotContain((from, to), AllowedByContract);
            Assert.False(VisitStatusMachine.CanMove(from, to));
            return;
        }

        if (AllowedByContract.Contains((from, to)))
        {
            AssertMoved(visit, result, from, to, before, now);
        }
        else
        {
            AssertRefused(visit, result, from, before);
        }
    }

    private static void AssertMoved(Visit visit, Result result, VisitStatus from, VisitStatus to,
        Dictionary<VisitStatus, DateTimeOffset?> before, DateTimeOffset now)
    {
        Assert.True(result.IsSuccess, $"{from} -> {to} failed: {result.Error?.Code}");
        Assert.Equal(to, visit.Status);

        var after = Timestamps(visit);
        foreach (var (status, at) in after)
        {
            Assert.Equal(status == to ? now : before[status], at);
        }

        var changed = Assert.IsType<VisitStatusChanged>(Assert.Single(visit.DomainEvents));
        Assert.Equal(visit.Id, changed.VisitId);
        Assert.Equal(from, changed.From);
        Assert.Equal(to, changed.To);
        Assert.Equal(now, changed.OccurredAt);
        Assert.Equal(to == VisitStatus.Expired ? null : DomainBuilders.ActorId, changed.ActorId);
    }

    private static void AssertRefused(Visit visit, Result result, VisitStatus from, Dictionary<VisitStatus, DateTimeOffset?> before)
    {
        Assert.True(result.IsFailure);
        var error = result.Error;
        Assert.Equal(ErrorType.Conflict, error.Type);
        Assert.Equal("visit.invalid_transition", error.Code);
        Assert.NotNull(error.Extensions);
        Assert.Equal(from.ToString(), error.Extensions["currentStatus"]);
        Assert.Equal(from, visit.Status);
        Assert.Equal(before, Timestamps(visit));
        Assert.Empty(visit.DomainEvents);
    }

    /// <summary>The timestamp each target status sets.</summary>
    private static Dictionary<VisitStatus, DateTimeOffset?> Timestamps(Visit visit) => new()
    {
        [VisitStatus.Approved] = visit.ApprovedAt,
        [VisitStatus.Rejected] = visit.RejectedAt,
        [VisitStatus.CheckedIn] = visit.CheckedInAt,
        [VisitStatus.CheckedOut] = visit.CheckedOutAt,
        [VisitStatus.Cancelled] = visit.CancelledAt,
        [VisitStatus.Expired] = visit.ExpiredAt,
    };
}
