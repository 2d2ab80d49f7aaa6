using CleanVisitors.Domain.Notifications;

namespace CleanVisitors.Application.Notifications;

/// <summary>
/// The broker message that asks for one visit notification. It carries ids only: the consumer reads the
/// current data when it sends, so no personal data travels through or rests in the broker.
/// </summary>
public sealed record VisitNotificationRequested(Guid EventId, Guid VisitId, NotificationKind Kind);
