using CleanVisitors.Domain.Users;

namespace CleanVisitors.UnitTests.Domain;

public class UserTests
{
    private static readonly DateTimeOffset Now = DomainBuilders.Start.AddDays(1);

    [Fact]
    public void Update_WithChanges_RaisesOneUserUpdatedNamingEachChange()
    {
        var user = DomainBuilders.Host();

        user.Update("Hana Host-Berg", DomainBuilders.Phone("+4930123456"), UserRole.Admin, isActive: false, DomainBuilders.ActorId, Now);

        Assert.Equal("Hana Host-Berg", user.FullName);
        Assert.Equal("+4930123456", user.PhoneNumber);
        Assert.Equal(UserRole.Admin, user.Role);
        Assert.False(user.IsActive);
        Assert.Equal(Now, user.UpdatedAt);
        var updated = Assert.IsType<UserUpdated>(Assert.Single(user.DomainEvents));
        Assert.Equal(user.Id, updated.UserId);
        Assert.Equal("fullName, phoneNumber, role:Host->Admin, deactivated", updated.Changes);
        Assert.Equal(DomainBuilders.ActorId, updated.ActorId);
    }

    [Fact]
    public void Update_WhenReactivated_NamesOnlyThat()
    {
        var user = DomainBuilders.Host(isActive: false);

        user.Update(null, null, null, isActive: true, DomainBuilders.ActorId, Now);

        Assert.True(user.IsActive);
        Assert.Equal("activated", Assert.IsType<UserUpdated>(Assert.Single(user.DomainEvents)).Changes);
    }

    [Fact]
    public void Update_WithTheCurrentValues_RaisesNothing()
    {
        var user = DomainBuilders.Host();

        user.Update(user.FullName, DomainBuilders.Phone(user.PhoneNumber!), user.Role, user.IsActive, DomainBuilders.ActorId, Now);

        Assert.Empty(user.DomainEvents);
        Assert.Equal(DomainBuilders.Start, user.UpdatedAt);
    }

    [Fact]
    public void Update_WithNothing_RaisesNothing()
    {
        var user = DomainBuilders.Host();

        user.Update(null, null, null, null, DomainBuilders.ActorId, Now);

        Assert.Empty(user.DomainEvents);
        Assert.Equal(DomainBuilders.Start, user.UpdatedAt);
        Assert.Equal("Hana Host", user.FullName);
        Assert.NotNull(user.PhoneNumber);
    }

    [Fact]
    public void Update_Deactivated_ChangesTheSecurityStamp()
    {
        var user = DomainBuilders.Host();
        var stamp = user.SecurityStamp;

        user.Update(null, null, null, isActive: false, DomainBuilders.ActorId, Now);

        Assert.NotEqual(stamp, user.SecurityStamp);
    }

    [Fact]
    public void Update_RoleChanged_ChangesTheSecurityStamp()
    {
        var user = DomainBuilders.Host();
        var stamp = user.SecurityStamp;

        user.Update(null, null, UserRole.Receptionist, null, DomainBuilders.ActorId, Now);

        Assert.NotEqual(stamp, user.SecurityStamp);
    }

    [Fact]
    public void Update_NameOrPhoneOnly_KeepsTheSecurityStamp()
    {
        var user = DomainBuilders.Host();
        var stamp = user.SecurityStamp;

        user.Update("Hana Host-Berg", DomainBuilders.Phone("+4930123456"), UserRole.Host, isActive: true, DomainBuilders.ActorId, Now);

        Assert.Equal(stamp, user.SecurityStamp);
    }

    [Fact]
    public void ChangePassword_ChangesTheHashAndTheSecurityStampAndRaisesAnUpdate()
    {
        var user = DomainBuilders.Host();
        var stamp = user.SecurityStamp;

        user.ChangePassword("new-hash", user.Id, Now);

        Assert.Equal("new-hash", user.PasswordHash);
        Assert.NotEqual(stamp, user.SecurityStamp);
        Assert.Equal("password", Assert.IsType<UserUpdated>(Assert.Single(user.DomainEvents)).Changes);
    }
}
