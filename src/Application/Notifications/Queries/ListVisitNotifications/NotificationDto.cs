using System.ComponentModel.DataAnnotations;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Notifications;

namespace CleanVisitors.Application.Notifications.Queries.ListVisitNotifications;

/// <summary>A WhatsApp notification of a visit: its kind, the masked recipient, its status, the attempts made and the last error.</summary>
public sealed record NotificationDto(Guid Id, NotificationKind Kind, [property: MaxLength(Limits.RecipientMaxLength)] string Recipient, NotificationStatus Status, [property: Range(0, int.MaxValue)] int Attempts, [property: MaxLength(Domain.Notifications.Notification.ErrorMaxLength)] string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? SentAt);
