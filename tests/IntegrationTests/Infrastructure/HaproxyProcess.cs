using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CleanVisitors.IntegrationTests.Infrastructure;

/// <summary>
/// Debian's HAProxy as a child process in front of API processes on this machine, running the committed
/// <c>deploy/haproxy/haproxy.cfg</c> (the one docker-compose.yml mounts) with this machine's addresses in place of the
/// compose network's: its own loopback port, the API processes' ports as its servers, no Docker DNS. Stopped by its PID.
/// </summary>
public sealed partial class HaproxyProcess : IAsyncDisposable
{
    /// <summary>Debian's haproxy (test.sh installs it).</summary>
    public static string Binary() => ExternalTool.Require("haproxy", "haproxy");

    private readonly Process _process;
    private readonly string _configPath;
    private readonly ConcurrentQueue<string> _lines = new();

    private HaproxyProcess(Process process, string configPath, int port)
    {
        _process = process;
        _configPath = configPath;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri BaseAddress { get; }

    /// <summary>HAProxy's log (one line per request, server state changes).</summary>
    public string Output => string.Join('\n', _lines);

    public static async Task<HaproxyProcess> StartAsync(IReadOnlyList<int> serverPorts)
    {
        var port = ApiProcess.FreePort();
        var committed = await File.ReadAllTextAsync(Repository.PathOf("deploy", "haproxy", "haproxy.cfg"));
        var configPath = Path.Combine(Path.GetTempPath(), $"cleanvisitors-haproxy-{Guid.NewGuid():N}.cfg");
        await File.WriteAllTextAsync(configPath, ForThisMachine(committed, port, serverPorts));
        var start = new ProcessStartInfo(Binary())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-db"); // in the foreground, logging to stdout
        start.ArgumentList.Add("-f");
        start.ArgumentList.Add(configPath);

        var process = new Process { StartInfo = start };
        var haproxy = new HaproxyProcess(process, configPath, port);
        process.OutputDataReceived += (_, e) => haproxy.Add(e.Data);
        process.ErrorDataReceived += (_, e) => haproxy.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var listening = await Eventually.UntilAsync(
            async () => process.HasExited ? (bool?)null : await RealProcess.ProcessRun.AcceptsConnectionsAsync(port),
            state => state != false,
            TimeSpan.FromSeconds(30),
            _ => $"HAProxy does not listen on {port}");
        Assert.True(listening, "HAProxy exited at start:\n" + haproxy.Output);
        return haproxy;
    }

    /// <summary>
    /// The committed configuration with this machine's addresses: <c>bind</c> on a loopback port, the servers on the
    /// given loopback ports, and the Docker resolver left out. Everything else (checks, retries, timeouts) as committed.
    /// </summary>
    public static string ForThisMachine(string committed, int port, IReadOnlyList<int> serverPorts)
    {
        var text = ResolversSection().Replace(committed, string.Empty);
        text = text.Replace(" resolvers docker", string.Empty, StringComparison.Ordinal);
        text = BindLine().Replace(text, $"    bind 127.0.0.1:{port}");
        var servers = string.Join('\n', serverPorts.Select((serverPort, i) =>
            string.Create(CultureInfo.InvariantCulture, $"    server api-{i + 1} 127.0.0.1:{serverPort}")));
        var first = true;
        text = ServerLine().Replace(text, _ =>
        {
            var replacement = first ? servers + "\n" : string.Empty;
            first = false;
            return replacement;
        });
        return text;
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        File.Delete(_configPath);
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }

    [GeneratedRegex(@"^resolvers docker\n(?:[ \t]+.*\n|[ \t]*\n)*", RegexOptions.Multiline)]
    private static partial Regex ResolversSection();

    [GeneratedRegex(@"^[ \t]+bind[ \t]+\S+$", RegexOptions.Multiline)]
    private static partial Regex BindLine();

    [GeneratedRegex(@"^[ \t]+server[ \t]+.*\n?", RegexOptions.Multiline)]
    private static partial Regex ServerLine();
}
