using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.RealProcess;

/// <summary>What the tests read from a real process: its JSON log events, whether its port ever opened, a signed-in client.</summary>
public static class ProcessRun
{
    public static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60); // a bound on a hang: exits take seconds, on a very busy machine tens of them

    /// <summary>
    /// Waits for the process to exit while trying to connect to its port all along; PortOpened is true when any
    /// attempt (during the run or after the exit) was accepted.
    /// </summary>
    public static async Task<(int ExitCode, bool PortOpened)> RunToExitAsync(ApiProcess api, TimeSpan? timeout = null)
    {
        var exit = api.WaitForExitAsync(timeout ?? ExitTimeout);
        var opened = false;
        while (!exit.IsCompleted)
        {
            opened |= await AcceptsConnectionsAsync(api.Port);
            await Task.WhenAny(exit, Task.Delay(TimeSpan.FromMilliseconds(20)));
        }

        var exitCode = await exit;
        opened |= await AcceptsConnectionsAsync(api.Port);
        return (exitCode, opened);
    }

    public static async Task<bool> AcceptsConnectionsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Every stdout line as a JSON object; fails naming the first line that is not one.</summary>
    public static IReadOnlyList<JsonElement> JsonEvents(ApiProcess api)
    {
        var events = new List<JsonElement>();
        foreach (var line in api.StandardOutputLines)
        {
            JsonElement parsed;
            try
            {
                using var document = JsonDocument.Parse(line);
                parsed = document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new Xunit.Sdk.XunitException($"A stdout line is not JSON ({ex.Message}): {line}");
            }

            Assert.True(parsed.ValueKind == JsonValueKind.Object, $"A stdout line is JSON but not an object: {line}");
            events.Add(parsed);
        }

        return events;
    }

    public static string? Text(this JsonElement logEvent, string property) =>
        logEvent.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static string Level(this JsonElement logEvent) => logEvent.Text("@l") ?? "(none)";

    /// <summary>The start-up configuration errors the process reported (its Fatal events), and the count it gave.</summary>
    public static (IReadOnlyList<string> Errors, int? Count) ConfigurationErrors(ApiProcess api)
    {
        var events = JsonEvents(api).Where(e => e.Level() == "Fatal").ToList();
        var errors = events.Select(e => e.Text("ConfigurationError")).OfType<string>().ToList();
        var summary = events.FirstOrDefault(e => e.TryGetProperty("ErrorCount", out _));
        return (errors, summary.ValueKind == JsonValueKind.Object ? summary.GetProperty("ErrorCount").GetInt32() : null);
    }

    public static bool Listened(ApiProcess api) => api.Lines.Any(line => line.Contains("Now listening on", StringComparison.Ordinal));

    /// <summary>Signs in through the API; the client carries the bearer token.</summary>
    public static async Task<SignedIn> SignInAsync(ApiProcess api, string email, string password)
    {
        var client = api.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        await TestData.Expect(response, HttpStatusCode.OK);
        var login = await response.Content.ReadFromJsonAsync<LoginBody>(TestData.Json);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login!.AccessToken);
        return new SignedIn(client, login.AccessToken, login.User.Id);
    }

    public static Task<SignedIn> SignInAsAdminAsync(ApiProcess api) => SignInAsync(api, ProcessSettings.AdminEmail, ProcessSettings.AdminPassword);

    /// <summary>Creates a Host through <c>POST /api/users</c> (with an Admin's client); answers their id.</summary>
    public static async Task<Guid> CreateHostAsync(HttpClient admin, string fullName, string? phoneNumber = null)
    {
        var response = await admin.PostAsJsonAsync("/api/users", new
        {
            email = $"host-{Guid.NewGuid():N}@example.com",
            fullName,
            phoneNumber,
            role = "Host",
            password = "correct-horse-battery",
        });
        await TestData.Expect(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<UserBody>(TestData.Json))!.Id;
    }

    public sealed record SignedIn(HttpClient Client, string AccessToken, Guid UserId) : IDisposable
    {
        public void Dispose() => Client.Dispose();
    }

    private sealed record LoginBody(string AccessToken, LoginUser User);

    private sealed record LoginUser(Guid Id);
}
