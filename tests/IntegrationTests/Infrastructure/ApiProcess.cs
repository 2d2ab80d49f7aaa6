using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CleanVisitors.IntegrationTests.Infrastructure;

/// <summary>
/// The API as a real process (<c>dotnet CleanVisitors.Api.dll</c>, the build next to the tests) on a free
/// loopback port, with its stdout and stderr captured line by line: for start-up, logging and shutdown tests.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    /// <summary>The settings the service reads (ARCHITECTURE.md, Configuration, and the code).</summary>
    private static readonly HashSet<string> ServiceSettings = new(StringComparer.Ordinal)
    {
        "NODE_ENV", "PORT", "MANAGEMENT_PORT", "DATABASE_URL", "DB_POOL_SIZE", "DB_POOL_MIN_SIZE", "MAX_CONCURRENT_REQUESTS", "MAX_QUEUED_REQUESTS", "OUTBOX_REDELIVERY_SECONDS", "JWT_SECRET", "JWT_EXPIRES_MINUTES", "CRON_SECRET", "CORS_ORIGIN",
        "RABBITMQ_URL", "RATE_LIMIT_WINDOW_MS", "RATE_LIMIT_MAX_REQUESTS", "AUTH_RATE_LIMIT_MAX_REQUESTS", "TRUSTED_PROXIES",
        "MAX_REQUEST_BODY_BYTES", "SLOW_REQUEST_THRESHOLD_MS", "SLOW_HANDLER_THRESHOLD_MS", "SLOW_QUERY_THRESHOLD_MS",
        "SHUTDOWN_TIMEOUT_SECONDS", "ADMIN_EMAIL", "ADMIN_PASSWORD", "BLOB_STORAGE_PATH", "BLOB_READ_WRITE_TOKEN", "LOG_LEVEL",
        "REDIS_URL", "HEALTH_DETAILED_PUBLIC", "RUN_MIGRATIONS_AT_STARTUP", "PERFORMANCE_REPORT_INTERVAL_SECONDS",
        "MEMORY_WARNING_PERCENT", "MEMORY_MONITOR_INTERVAL_SECONDS", "MEMORY_LEAK_FLOOR_MB", "DEFAULT_SITE_TIME_ZONE",
        "SCHEDULER_ENABLED", "SCHEDULER_INTERVAL_SECONDS", "REDIS_KEY_PREFIX",
    };

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _standardOutput = new();
    private readonly ConcurrentQueue<string> _standardError = new();
    private readonly Signal _lineArrived = new();

    private ApiProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    /// <summary>Every captured line, stdout and stderr interleaved in arrival order.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>The lines written to stdout only (where the service's log goes).</summary>
    public IReadOnlyList<string> StandardOutputLines => [.. _standardOutput];

    /// <summary>The lines written to stderr only.</summary>
    public IReadOnlyList<string> StandardErrorLines => [.. _standardError];

    public string Output => string.Join('\n', _lines);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts the API with exactly these settings (plus PORT), nothing inherited that could change its behaviour;
    /// a null value leaves the variable unset.
    /// </summary>
    public static ApiProcess Start(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        // A PORT of the test's own (an instance that must come back where a balancer expects it), else a free one.
        var port = environment.TryGetValue("PORT", out var fixedPort) && int.TryParse(fixedPort, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : FreePort();
        var directory = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(directory, "CleanVisitors.Api.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var key in start.Environment.Keys.Where(IsInheritedSetting).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Two free ports asked for one after the other can be the same one (each is released at once): never the API's.
        var managementPort = FreePort();
        while (managementPort == port)
        {
            managementPort = FreePort();
        }

        start.Environment["MANAGEMENT_PORT"] = managementPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment)
        {
            // A null value means "unset": the test is about the variable being missing.
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var api = new ApiProcess(process, port)
        {
            ManagementPort = start.Environment.TryGetValue("MANAGEMENT_PORT", out var management)
                && int.TryParse(management, System.Globalization.CultureInfo.InvariantCulture, out var managementNumber) ? managementNumber : 9464,
        };
        process.OutputDataReceived += (_, e) => api.Add(e.Data, api._standardOutput);
        process.ErrorDataReceived += (_, e) => api.Add(e.Data, api._standardError);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return api;
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The port <c>/metrics</c> is served on (a free one per process, unless the test set <c>MANAGEMENT_PORT</c>).</summary>
    public int ManagementPort { get; private init; }

    public HttpClient CreateManagementClient() => new() { BaseAddress = new Uri($"http://127.0.0.1:{ManagementPort}"), Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>
    /// Waits until <c>/health/ready</c> answers 200, failing with the captured output if the process dies or time runs
    /// out (two minutes by default: a bound on a hang, not a measure; a start-up took 40 s on a machine at load 60).
    /// </summary>
    public async Task WaitUntilReadyAsync(TimeSpan? timeout = null)
    {
        using var client = CreateClient();
        client.Timeout = TimeSpan.FromSeconds(2);
        var state = await Eventually.UntilAsync(
            async () => _process.HasExited ? "exited" : await ReadinessAsync(client),
            state => state is "exited" or "ready",
            timeout ?? TimeSpan.FromSeconds(120),
            state => $"the API was not ready ({state}):\n{Output}",
            _lineArrived);
        if (state == "exited")
        {
            throw new InvalidOperationException($"The API exited with {_process.ExitCode} before it was ready:\n{Output}");
        }
    }

    /// <summary>Waits for a captured line that matches; true when one came in time.</summary>
    public Task<bool> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout) =>
        Eventually.LastAsync(() => Task.FromResult(_lines.Any(match)), found => found, timeout, _lineArrived);

    /// <summary>Sends a POSIX signal (TERM, INT) the way an orchestrator does.</summary>
    public void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {_process.Id}") { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    /// <summary>SIGKILL: the process ends at once, nothing flushed, nothing acknowledged (a crash, an OOM kill).</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The API did not exit within {timeout}:\n{Output}");
        }

        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>
    /// A variable of the test runner's environment that the service would read (its settings, the host's
    /// <c>ASPNETCORE_</c>/<c>DOTNET_</c> ones): not passed on, so a developer's shell cannot change what a test sees.
    /// </summary>
    private static bool IsInheritedSetting(string key) =>
        ServiceSettings.Contains(key)
        || key.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
        || key.StartsWith("DOTNET_", StringComparison.Ordinal)
        || key.StartsWith("WHATSAPP_", StringComparison.Ordinal)
        || key.StartsWith("OTEL_", StringComparison.Ordinal);

    /// <summary>A TCP port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Add(string? line, ConcurrentQueue<string> stream)
    {
        if (line is null)
        {
            return;
        }

        stream.Enqueue(line);
        _lines.Enqueue(line);
        _lineArrived.Raise();
    }

    private static async Task<string> ReadinessAsync(HttpClient client)
    {
        try
        {
            using var response = await client.GetAsync("/health/ready");
            return response.StatusCode == HttpStatusCode.OK ? "ready" : $"/health/ready answers {(int)response.StatusCode}";
        }
        catch (HttpRequestException)
        {
            return "not listening yet";
        }
        catch (TaskCanceledException)
        {
            return "not answering yet";
        }
    }
}
