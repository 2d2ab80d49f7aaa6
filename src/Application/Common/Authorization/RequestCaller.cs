namespace CleanVisitors.Application.Common.Authorization;

/// <summary>Who may send a request, as its attribute declares (<see cref="RequestAccess"/>).</summary>
public enum RequestCaller
{
    /// <summary><see cref="AllowAnonymousAttribute"/>: anyone.</summary>
    Anyone,

    /// <summary><see cref="SystemOperationAttribute"/>: the service itself, never a user.</summary>
    System,

    /// <summary><see cref="AuthorizeAttribute"/>: a signed-in user (of the roles it names, if any), never the system.</summary>
    User,
}
