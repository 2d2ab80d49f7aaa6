using System.Net;
using CleanVisitors.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace CleanVisitors.IntegrationTests.Hardening;

/// <summary>
/// Base of the hardening fixtures: the API in-process with settings of the derived fixture's own (filled in its
/// constructor), an optional environment, a log sink that captures every event, and the <see cref="TestHooks"/>.
/// </summary>
public abstract class HardeningFactory : ApiFactory
{
    /// <summary>The environment the API runs in; null keeps <see cref="ApiFactory"/>'s <c>Testing</c>.</summary>
    protected string? EnvironmentName { get; init; }

    /// <summary>Makes the pipeline's entry add <c>Server</c> and <c>X-Powered-By</c>, as a framework component could.</summary>
    protected bool EmulateFrameworkHeaders { get; init; }

    public InMemoryLogSink Logs { get; } = new();

    /// <summary>The management port's default, as the server sees it when a request says it came in there.</summary>
    public const int ManagementPortNumber = 9464;

    /// <summary>A client whose requests the server sees arriving on <c>MANAGEMENT_PORT</c> (where <c>/metrics</c> is served).</summary>
    public HttpClient ManagementClient(string? peer = null)
    {
        var client = peer is null ? CreateClient() : ClientFrom(peer);
        client.DefaultRequestHeaders.Add(TestHooks.LocalPortHeader, ManagementPortNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return client;
    }

    /// <summary>A client whose requests the server sees as coming from <paramref name="peer"/> (the direct TCP peer).</summary>
    public HttpClient ClientFrom(string peer)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(TestHooks.PeerHeader, peer);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (EnvironmentName is not null)
        {
            builder.UseEnvironment(EnvironmentName);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ILogEventSink>(Logs);
            services.AddSingleton<IStartupFilter>(new TestHooks(EmulateFrameworkHeaders));
        });
    }
}

/// <summary>
/// Test-only additions around the API's own pipeline. Before it: the direct peer's address from
/// <see cref="PeerHeader"/> (TestServer has no remote address), so a test can emulate clients and proxies. After it,
/// reached only by requests no endpoint matched: <see cref="ThrowPath"/> throws inside the pipeline (the API's
/// exception handler and security headers apply), <see cref="SlowPath"/> (and any path below it) answers after a delay.
/// </summary>
public sealed class TestHooks(bool emulateFrameworkHeaders) : IStartupFilter
{
    public const string PeerHeader = "X-Test-Peer";

    /// <summary>The local port the server sees the request arrive on (TestServer has none): <see cref="HardeningFactory.ManagementClient"/>.</summary>
    public const string LocalPortHeader = "X-Test-Local-Port";
    public const string ThrowPath = "/test/throw";
    public const string SlowPath = "/test/slow";

    /// <summary>The message of the exception <see cref="ThrowPath"/> throws: internals that Production must not show.</summary>
    public const string ExceptionMessage = "Connection to db-internal.cleanvisitors.local:5432 failed for table visitors";

    public static readonly TimeSpan SlowDelay = TimeSpan.FromMilliseconds(50);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            if (context.Request.Headers.TryGetValue(PeerHeader, out var peer) && IPAddress.TryParse(peer, out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            if (context.Request.Headers.TryGetValue(LocalPortHeader, out var port) && int.TryParse(port, out var localPort))
            {
                context.Connection.LocalPort = localPort;
            }

            if (emulateFrameworkHeaders)
            {
                context.Response.Headers.Server = "Kestrel";
                context.Response.Headers["X-Powered-By"] = "ASP.NET";
            }

            return following(context);
        });

        next(app);

        app.Use(async (context, following) =>
        {
            if (context.Request.Path.Equals(ThrowPath, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(ExceptionMessage);
            }

            if (context.Request.Path.StartsWithSegments(SlowPath, StringComparison.OrdinalIgnoreCase))
            {
                await Task.Delay(SlowDelay, context.RequestAborted);
                await context.Response.WriteAsync("slow", context.RequestAborted);
                return;
            }

            await following(context);
        });
    };
}

/// <summary>Distinct private client addresses, so tests that share a rate-limited fixture never share a budget.</summary>
public static class TestPeers
{
    private static int _next;

    public static string Next()
    {
        var n = Interlocked.Increment(ref _next);
        return $"10.77.{n / 250}.{(n % 250) + 1}";
    }
}
