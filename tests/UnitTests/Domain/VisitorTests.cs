using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visitors;

namespace CleanVisitors.UnitTests.Domain;

public class VisitorTests
{
    private static readonly DateTimeOffset Now = DomainBuilders.Start.AddDays(1);

    private static Visitor ErasedVisitor()
    {
        var visitor = DomainBuilders.Visitor(isErased: true);
        visitor.ClearDomainEvents();
        return visitor;
    }

    [Fact]
    public void Erase_NullsEveryPersonalField_AndRaisesVisitorErased()
    {
        var visitor = DomainBuilders.Visitor(isBlocked: true);
        visitor.SetPhoto("photos/vera.jpg", DomainBuilders.ActorId, DomainBuilders.Start);
        visitor.ClearDomainEvents();

        var result = visitor.Erase(DomainBuilders.ActorId, Now);

        Assert.True(result.IsSuccess);
        Assert.Null(visitor.FullName);
        Assert.Null(visitor.PhoneNumber);
        Assert.Null(visitor.Email);
        Assert.Null(visitor.Company);
        Assert.Null(visitor.BlockReason);
        Assert.Null(visitor.PhotoKey);
        Assert.True(visitor.IsErased);
        Assert.Equal(Now, visitor.ErasedAt);
        var erased = Assert.IsType<VisitorErased>(Assert.Single(visitor.DomainEvents));
        Assert.Equal(visitor.Id, erased.VisitorId);
        Assert.Equal("photos/vera.jpg", erased.PhotoKey);
        Assert.Equal(DomainBuilders.ActorId, erased.ActorId);
    }

    [Fact]
    public void Erase_LeavesNoTextPropertySet()
    {
        var visitor = DomainBuilders.Visitor(isBlocked: true);
        visitor.SetPhoto("photos/vera.jpg", DomainBuilders.ActorId, DomainBuilders.Start);

        visitor.Erase(null, Now);

        // Every text on a visitor is personal; a new one added later must be erased too.
        var textProperties = typeof(Visitor).GetProperties().Where(p => p.PropertyType == typeof(string)).ToList();
        Assert.NotEmpty(textProperties);
        Assert.All(textProperties, p => Assert.Null(p.GetValue(visitor)));
    }

    [Fact]
    public void Erase_WhenAlreadyErased_SucceedsAndRaisesNothing()
    {
        var visitor = ErasedVisitor();

        var result = visitor.Erase(DomainBuilders.ActorId, Now);

        Assert.True(result.IsSuccess);
        Assert.Empty(visitor.DomainEvents);
        Assert.Equal(DomainBuilders.Start, visitor.ErasedAt);
    }

    [Fact]
    public void Update_AfterErasure_ReturnsConflict()
    {
        var visitor = ErasedVisitor();

        var result = visitor.Update("Vera Visitor", DomainBuilders.Phone(), null, "Acme Ltd", DomainBuilders.ActorId, Now);

        AssertErased(result, visitor);
        Assert.Null(visitor.FullName);
        Assert.Null(visitor.PhoneNumber);
        Assert.Null(visitor.Company);
    }

    [Fact]
    public void Block_AfterErasure_ReturnsConflict()
    {
        var visitor = ErasedVisitor();

        var result = visitor.Block("Too late", DomainBuilders.ActorId, Now);

        AssertErased(result, visitor);
        Assert.Null(visitor.BlockReason);
    }

    [Fact]
    public void Unblock_AfterErasure_ReturnsConflict() =>
        AssertErased(ErasedVisitor().Unblock(DomainBuilders.ActorId, Now), null);

    [Fact]
    public void SetPhoto_AfterErasure_ReturnsConflictAndKeepsNoPhoto()
    {
        var visitor = ErasedVisitor();

        var result = visitor.SetPhoto("photos/new.jpg", DomainBuilders.ActorId, Now);

        AssertErased(result, visitor);
        Assert.Null(visitor.PhotoKey);
    }

    [Fact]
    public void Block_SetsTheReason_AndRaisesVisitorBlocked()
    {
        var visitor = DomainBuilders.Visitor();

        var result = visitor.Block("Shouted at reception", DomainBuilders.ActorId, Now);

        Assert.True(result.IsSuccess);
        Assert.True(visitor.IsBlocked);
        Assert.Equal("Shouted at reception", visitor.BlockReason);
        Assert.Equal(Now, visitor.UpdatedAt);
        var changed = Assert.IsType<VisitorChanged>(Assert.Single(visitor.DomainEvents));
        Assert.Equal("visitor.blocked", changed.Action);
        Assert.Null(changed.Details);
    }

    [Fact]
    public void Unblock_ClearsTheBlock_AndRaisesVisitorUnblocked()
    {
        var visitor = DomainBuilders.Visitor(isBlocked: true);

        var result = visitor.Unblock(DomainBuilders.ActorId, Now);

        Assert.True(result.IsSuccess);
        Assert.False(visitor.IsBlocked);
        Assert.Null(visitor.BlockReason);
        Assert.Equal("visitor.unblocked", Assert.Single(visitor.DomainEvents).Action);
    }

    [Fact]
    public void Update_ReplacesThePersonalData_AndRaisesVisitorUpdated()
    {
        var visitor = DomainBuilders.Visitor();

        var result = visitor.Update("Vera Visitor-Smith", DomainBuilders.Phone("+447700900123"), null, null, DomainBuilders.ActorId, Now);

        Assert.True(result.IsSuccess);
        Assert.Equal("Vera Visitor-Smith", visitor.FullName);
        Assert.Equal("+447700900123", visitor.PhoneNumber);
        Assert.Null(visitor.Email);
        Assert.Null(visitor.Company);
        Assert.Equal(Now, visitor.UpdatedAt);
        Assert.Equal("visitor.updated", Assert.Single(visitor.DomainEvents).Action);
    }

    private static void AssertErased(Result result, Visitor? visitor)
    {
        Assert.True(result.IsFailure);
        Assert.Equal(ErrorType.Conflict, result.Error.Type);
        Assert.Equal("visitor.erased", result.Error.Code);
        if (visitor is not null)
        {
            Assert.Empty(visitor.DomainEvents);
            Assert.Equal(DomainBuilders.Start, visitor.UpdatedAt);
        }
    }
}
