using System.Net;
using System.Net.Http.Json;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Messaging;

public sealed record NotificationBody(Guid Id, string Kind, string Recipient, string Status, int Attempts, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? SentAt);

internal static class NotificationHttp
{
    public static async Task<IReadOnlyList<NotificationBody>> NotificationsAsync(this HttpClient client, Guid visitId)
    {
        using var response = await client.GetAsync($"/api/visits/{visitId}/notifications");
        await TestData.Expect(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<List<NotificationBody>>(TestData.Json))!;
    }

    /// <summary>Until the visit's notification of <paramref name="kind"/> satisfies <paramref name="done"/>; answers it.</summary>
    public static async Task<NotificationBody> NotificationAsync(this HttpClient client, Guid visitId, string kind, Func<NotificationBody, bool> done, TimeSpan timeout)
    {
        var found = await Eventually.UntilAsync(
            async () => (await client.NotificationsAsync(visitId)).Where(n => n.Kind == kind).ToList(),
            list => list.Count == 1 && done(list[0]),
            timeout,
            list => $"the {kind} notifications of visit {visitId} are [{string.Join("; ", list)}]");
        return found[0];
    }

    public static Task<NotificationBody> SentAsync(this HttpClient client, Guid visitId, string kind, TimeSpan timeout) =>
        client.NotificationAsync(visitId, kind, n => n.Status == "Sent", timeout);
}
