namespace CleanVisitors.Application.Users;

public static class UserErrors
{
    public static Domain.Common.Error NotFound(Guid id) => Domain.Common.Error.NotFound("user.not_found", $"User {id} was not found.");

    public static Domain.Common.Error EmailExists() =>
        Domain.Common.Error.Conflict("user.email_exists", "A user with this e-mail address already exists.");

    public static Domain.Common.Error LastAdmin() =>
        Domain.Common.Error.Conflict("user.last_admin", "This is the last active Admin; make another user Admin first.");
}
