namespace CleanVisitors.Application.Common.Authorization;

/// <summary>
/// Only a signed-in user may send this request, and one of <see cref="Roles"/> (comma-separated names of
/// <see cref="Security.Roles"/>) when it names any. <see cref="Behaviors.AuthorizationBehavior{TMessage, TResponse}"/>
/// checks it for every caller: an HTTP request, a consumer, a job.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class AuthorizeAttribute : Attribute
{
    /// <summary>The roles that may send it, comma-separated (<see cref="Security.Roles.AdminOrReceptionist"/> …); null: every role.</summary>
    public string? Roles { get; set; }
}
