using System.Net;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Hardening;

public sealed class OwnLoggerFactory : HardeningFactory;

/// <summary>
/// Each host logs through its own Serilog logger. Handed to the static <c>Log.Logger</c> (Serilog's default), every
/// host in one process wrote into the last started one's sinks, and the first to stop silenced the others: their
/// framework loggers then reported every level off, so ASP.NET Core started no activity for a request, and a problem's
/// <c>traceId</c> fell back to the connection's request id (CI failed on it in <c>ProblemDetailsTests</c>).
/// </summary>
public sealed class HostLoggerTests : IAsyncLifetime
{
    private OwnLoggerFactory First { get; } = new();

    private OwnLoggerFactory Second { get; } = new();

    private bool SecondStopped { get; set; }

    public async Task InitializeAsync()
    {
        await First.InitializeAsync();
        await Second.InitializeAsync(); // started last: with a shared static logger, every host would write to its sinks
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)First).DisposeAsync();
        if (!SecondStopped)
        {
            await ((IAsyncLifetime)Second).DisposeAsync();
        }
    }

    [Fact]
    public async Task AHostsEvents_GoToItsOwnSinks_AndStillWhenAnotherHostHasStopped()
    {
        // The first request through the use-case pipeline creates its logger: after the second host started.
        var admin = await First.AdminClientAsync();
        var before = $"/api/users/{Guid.CreateVersion7()}";
        await TestData.ExpectProblem(await admin.GetAsync(before), HttpStatusCode.NotFound);
        await First.Logs.WaitForAsync(e => IsRequestTo(e, before));
        await First.Logs.WaitForAsync(IsExpectedUserNotFound);
        Assert.DoesNotContain(Second.Logs.Events, e => IsRequestTo(e, before) || IsExpectedUserNotFound(e));

        await ((IAsyncLifetime)Second).DisposeAsync();
        SecondStopped = true;

        First.Logs.Clear();
        var after = $"/api/users/{Guid.CreateVersion7()}";
        var problem = await TestData.ExpectProblem(await admin.GetAsync(after), HttpStatusCode.NotFound);
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$", problem.TraceId);
        await First.Logs.WaitForAsync(e => IsRequestTo(e, after));
        await First.Logs.WaitForAsync(IsExpectedUserNotFound);
    }

    private static bool IsExpectedUserNotFound(Serilog.Events.LogEvent e) =>
        e.Properties.TryGetValue("ErrorCode", out var code) && code.ToString() == "\"user.not_found\"";

    private static bool IsRequestTo(Serilog.Events.LogEvent e, string path) =>
        e.Properties.TryGetValue("Path", out var value) && value.ToString() == $"\"{path}\"";
}
