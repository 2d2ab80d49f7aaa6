namespace CleanVisitors.Application.Common.Authorization;

/// <summary>
/// Only the service itself may send this request (<see cref="Interfaces.ICurrentUser.IsSystem"/>): a message consumer, the
/// in-process scheduler, or an external scheduler authenticated by <c>CRON_SECRET</c>. No user may, whatever the role.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class SystemOperationAttribute : Attribute;
