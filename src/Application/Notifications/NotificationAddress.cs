using CleanVisitors.Domain.Notifications;

namespace CleanVisitors.Application.Notifications;

/// <summary>Whom one notification is for, and because of which event.</summary>
public sealed record NotificationAddress(Guid EventId, Guid? VisitId, NotificationKind Kind, Guid RecipientId, string? Phone);
