using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Testcontainers.Redis;

namespace CleanVisitors.IntegrationTests.Infrastructure;

/// <summary>
/// A real Redis for the rate-limit tests, shared by every test of the run (<see cref="SharedAsync"/>): from
/// <c>TEST_REDIS_URL</c> when set, else Debian's <c>redis-server</c> as a child process on a free loopback port (test.sh
/// installs it), else a Testcontainers Redis when a Docker engine answers, else a failure that says how to provide one.
/// The tests keep their keys apart with a <c>REDIS_KEY_PREFIX</c> of their own, so a shared Redis is never emptied.
/// <para>
/// Tests that stop and start Redis take one of their own (<see cref="StartOwnAsync"/>, a child process stopped by its
/// PID and started again on the same port, with nothing kept on disk).
/// </para>
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string HowToProvide =
        "The rate-limit tests need Redis. Run ./test.sh (it installs Debian's redis-server through apt when it is missing), " +
        "or install redis-server, or set TEST_REDIS_URL=redis://host:6379, or start a Docker engine so Testcontainers can run redis:7.";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static RedisServer? _shared;

    private readonly RedisContainer? _container;
    private Process? _process;

    private RedisServer(string url, int port, RedisContainer? container)
    {
        Url = url;
        Port = port;
        _container = container;
    }

    /// <summary><c>redis://host:port</c>, for the API's <c>REDIS_URL</c>.</summary>
    public string Url { get; }

    public int Port { get; }

    /// <summary>Whether this test run owns the process (it can then be stopped and started).</summary>
    public bool IsOwnProcess => _process is not null;

    public static async Task<RedisServer> SharedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _shared ??= await CreateAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A <c>redis-server</c> of this test's own, to stop and start.</summary>
    public static async Task<RedisServer> StartOwnAsync()
    {
        var binary = ExternalTool.Find("redis-server") ?? throw new InvalidOperationException("redis-server is not installed. " + HowToProvide);
        var port = ApiProcess.FreePort();
        var server = new RedisServer($"redis://127.0.0.1:{port}", port, null);
        await server.StartProcessAsync(binary);
        return server;
    }

    /// <summary>Stops the process (SIGKILL, as a crash or a pulled plug would) and waits until it has gone.</summary>
    public async Task StopAsync()
    {
        var process = _process ?? throw new InvalidOperationException("Only a Redis of this test's own can be stopped.");
        if (!process.HasExited)
        {
            process.Kill();
        }

        await process.WaitForExitAsync();
    }

    private void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
        }
    }

    /// <summary>SIGSTOP: Redis keeps its connections open and answers nothing (a hung server, a network that drops packets).</summary>
    public Task PauseAsync() => SignalAsync("STOP");

    /// <summary>SIGCONT: a paused Redis answers again.</summary>
    public Task ResumeAsync() => SignalAsync("CONT");

    /// <summary>Starts the process again on the same port, empty, and waits until it answers.</summary>
    public Task StartAsync() => StartProcessAsync(ExternalTool.Find("redis-server")!);

    private async Task SignalAsync(string signal)
    {
        var process = _process ?? throw new InvalidOperationException("Only a Redis of this test's own can be paused.");
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {process.Id}") { UseShellExecute = false })!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Whether Redis answers <c>PING</c> on its port now.</summary>
    public async Task<bool> AnswersAsync()
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync("127.0.0.1", Port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }

    private static async Task<RedisServer> CreateAsync()
    {
        var url = Environment.GetEnvironmentVariable("TEST_REDIS_URL");
        if (!string.IsNullOrWhiteSpace(url))
        {
            return new RedisServer(url, new Uri(url).Port, null);
        }

        if (ExternalTool.Find("redis-server") is not null)
        {
            var server = await StartOwnAsync();
            // Nothing disposes the shared server, and a child process outlives its parent: stop it when the test process
            // ends (one redis-server was left running after every run before).
            AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Kill();
            return server;
        }

        RedisContainer container;
        try
        {
            container = new RedisBuilder("redis:7-alpine").Build();
            await container.StartAsync();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidOperationException(HowToProvide + " (Docker: " + ex.Message + ")", ex);
        }

        // Testcontainers' reaper removes the container when the test process ends.
        return new RedisServer($"redis://{container.Hostname}:{container.GetMappedPublicPort(RedisBuilder.RedisPort)}", container.GetMappedPublicPort(RedisBuilder.RedisPort), container);
    }

    private async Task StartProcessAsync(string binary)
    {
        _process?.Dispose();
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Loopback only, nothing on disk, no password: a throwaway server for this test run.
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var process = _process;
        var answers = await Eventually.UntilAsync(
            async () => process.HasExited ? (bool?)null : await AnswersAsync(),
            state => state != false,
            TimeSpan.FromSeconds(30),
            _ => $"redis-server on port {Port} does not answer");
        Assert.True(answers, $"redis-server on port {Port} exited at start (code {(process.HasExited ? process.ExitCode : 0)})");
    }
}
