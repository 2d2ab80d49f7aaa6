using System.Net;
using System.Net.Http.Json;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Messaging;

/// <summary>Waiting for what happens in the background, with a deadline: polls a condition, fails with a description.</summary>
public static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Polls <paramref name="probe"/> until <paramref name="done"/> holds for its answer; answers it, or fails after the deadline.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, Func<T, string> describe)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                Assert.Fail($"Not within {timeout.TotalSeconds:0.###} s: {describe(value)}");
            }

            await Task.Delay(Interval);
        }
    }

    /// <summary>Until GET <paramref name="path"/> answers <paramref name="status"/>.</summary>
    public static Task StatusAsync(HttpClient client, string path, HttpStatusCode status, TimeSpan timeout) =>
        UntilAsync(
            async () =>
            {
                try
                {
                    using var response = await client.GetAsync(path);
                    return (Status: response.StatusCode, Body: await response.Content.ReadAsStringAsync());
                }
                catch (HttpRequestException ex)
                {
                    return (Status: (HttpStatusCode)0, Body: ex.Message);
                }
            },
            answer => answer.Status == status,
            timeout,
            answer => $"GET {path} answers {(int)answer.Status} ({answer.Body}), not {(int)status}");
}

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
