using System.Diagnostics;
using System.Text.Json;
using CleanVisitors.Application.Notifications;

namespace CleanVisitors.Infrastructure.Messaging.Outbox;

/// <summary>The message types the outbox carries, by a stable name: rows stay readable across renames and refactors.</summary>
public static class OutboxMessageTypes
{
    private static readonly Dictionary<string, Type> ByName = new(StringComparer.Ordinal)
    {
        ["visit-notification-requested"] = typeof(VisitNotificationRequested),
        ["daily-summary-requested"] = typeof(DailySummaryRequested),
        ["visitor-photo-deletion-requested"] = typeof(VisitorPhotoDeletionRequested),
    };

    private static readonly Dictionary<Type, string> ByType = ByName.ToDictionary(pair => pair.Value, pair => pair.Key);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static OutboxMessage Create(Guid id, object message, DateTimeOffset occurredAt) => new()
    {
        Id = id,
        Type = ByType.TryGetValue(message.GetType(), out var name) ? name : throw new InvalidOperationException($"{message.GetType().Name} is not an outbox message type."),
        Payload = JsonSerializer.Serialize(message, message.GetType(), Json),
        OccurredAt = occurredAt,
        TraceParent = Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null,
        TraceState = Activity.Current is { IdFormat: ActivityIdFormat.W3C, TraceStateString: { Length: <= OutboxMessage.TraceStateMaxLength } state } ? state : null,
    };

    public static object Read(OutboxMessage row) =>
        ByName.TryGetValue(row.Type, out var type)
            ? JsonSerializer.Deserialize(row.Payload, type, Json)!
            : throw new InvalidOperationException($"Outbox row {row.Id} has the unknown type '{row.Type}'.");
}
