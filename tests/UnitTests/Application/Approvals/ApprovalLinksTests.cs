using CleanVisitors.Application.Approvals;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Notifications;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace CleanVisitors.UnitTests.Application.Approvals;

/// <summary>The approval request's one writing step: the link's token, issued on its own, not inside the text's composition.</summary>
public sealed class ApprovalLinksTests
{
    private static readonly DateTimeOffset VisitCreatedAt = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    private readonly DbSet<ApprovalToken> _tokens = Substitute.For<DbSet<ApprovalToken>>();
    private readonly IApplicationDbContext _db = Substitute.For<IApplicationDbContext>();

    public ApprovalLinksTests() => _db.ApprovalTokens.Returns(_tokens);

    [Fact]
    public void Issue_AddsOneTokenForTheVisit_ExpiringWithTheApproval_AndAnswersItsLink()
    {
        var links = new ApprovalLinks(_db, Options.Create(new ApprovalOptions { PendingApprovalTimeoutMinutes = 45 }), Options.Create(new NotificationOptions { PublicBaseUrl = "https://visitors.example.com/" }));
        var visitId = Guid.CreateVersion7();
        var now = VisitCreatedAt.AddMinutes(1);

        var link = links.Issue(visitId, VisitCreatedAt, now);

        Assert.StartsWith("https://visitors.example.com/approve/", link, StringComparison.Ordinal);
        var raw = link["https://visitors.example.com/approve/".Length..];
        var token = Assert.Single(_tokens.ReceivedCalls().Where(c => c.GetMethodInfo().Name == nameof(DbSet<ApprovalToken>.Add)).Select(c => (ApprovalToken)c.GetArguments()[0]!));
        Assert.Equal(visitId, token.VisitId);
        Assert.Equal(VisitCreatedAt.AddMinutes(45), token.ExpiresAt);
        Assert.Equal(now, token.CreatedAt);
        Assert.Equal(SecretToken.Hash(raw), token.TokenHash);
        Assert.False(token.IsUsed);
    }

    [Fact]
    public void Issue_Twice_GivesTwoDifferentLinks()
    {
        var links = new ApprovalLinks(_db, Options.Create(new ApprovalOptions()), Options.Create(new NotificationOptions()));

        Assert.NotEqual(links.Issue(Guid.CreateVersion7(), VisitCreatedAt, VisitCreatedAt), links.Issue(Guid.CreateVersion7(), VisitCreatedAt, VisitCreatedAt));
    }
}
