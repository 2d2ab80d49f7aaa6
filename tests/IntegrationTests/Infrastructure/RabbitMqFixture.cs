using System.Diagnostics;
using Testcontainers.RabbitMq;

namespace CleanVisitors.IntegrationTests.Infrastructure;

/// <summary>
/// A real RabbitMQ broker for the test run, shared by every messaging test (one per process): from
/// <c>TEST_RABBITMQ_URL</c> (test.sh gives a fresh virtual host of the local broker), else a Testcontainers RabbitMQ
/// when a Docker engine answers, else a failure that says how to provide one. It never skips.
/// <para>
/// The outage tests stop and start the broker's app (<c>rabbitmqctl stop_app</c> / <c>start_app</c>: the node, its
/// port and its data stay). With a broker from the environment that takes <c>TEST_RABBITMQ_CTL</c>, the command that
/// controls it (e.g. <c>rabbitmqctl</c>, or <c>sudo -n rabbitmqctl</c>); with Testcontainers it runs rabbitmqctl
/// inside the container, which keeps its mapped port (a stopped and restarted container gets a new host port, and
/// the API under test would then look for the broker in the wrong place).
/// </para>
/// </summary>
public sealed class RabbitMqFixture
{
    public const string HowToProvide =
        "The messaging tests need RabbitMQ. Run ./test.sh (it uses the local broker, installing rabbitmq-server through apt " +
        "when it is missing, with a virtual host of its own), or set TEST_RABBITMQ_URL=amqp://user:password@host:5672/vhost " +
        "(and TEST_RABBITMQ_CTL=rabbitmqctl when that broker is local, for the outage tests), or start a Docker engine so " +
        "Testcontainers can run rabbitmq:3.13-alpine.";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static RabbitMqFixture? _instance;

    private readonly string[]? _control;
    private readonly RabbitMqContainer? _container;

    private RabbitMqFixture(string url, string[]? control, RabbitMqContainer? container)
    {
        Url = url;
        _control = control;
        _container = container;
    }

    /// <summary><c>amqp://user:password@host:port/vhost</c>, for the API's <c>RABBITMQ_URL</c>.</summary>
    public string Url { get; }

    public static async Task<RabbitMqFixture> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _instance ??= await CreateAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<RabbitMqFixture> CreateAsync()
    {
        var url = Environment.GetEnvironmentVariable("TEST_RABBITMQ_URL");
        if (!string.IsNullOrWhiteSpace(url))
        {
            var control = Environment.GetEnvironmentVariable("TEST_RABBITMQ_CTL")?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return new RabbitMqFixture(url, control is { Length: > 0 } ? control : null, null);
        }

        RabbitMqContainer container;
        try
        {
            container = new RabbitMqBuilder("rabbitmq:3.13-alpine").Build();
            await container.StartAsync();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidOperationException(HowToProvide + " (Docker: " + ex.Message + ")", ex);
        }

        // Testcontainers' reaper removes the container when the test process ends.
        return new RabbitMqFixture(container.GetConnectionString(), null, container);
    }

    /// <summary><c>rabbitmqctl stop_app</c>: the broker closes every connection and refuses new ones.</summary>
    public Task StopAppAsync() => ControlAsync("stop_app");

    /// <summary><c>rabbitmqctl start_app</c>: returns once the broker takes connections again.</summary>
    public Task StartAppAsync() => ControlAsync("start_app");

    private async Task ControlAsync(string verb)
    {
        if (_container is not null)
        {
            var result = await _container.ExecAsync(["rabbitmqctl", verb]);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"rabbitmqctl {verb} in the container failed ({result.ExitCode}): {result.Stderr}{result.Stdout}");
            }

            return;
        }

        if (_control is null)
        {
            throw new InvalidOperationException(
                "This test stops and starts the broker, but TEST_RABBITMQ_URL names a broker this run cannot control: set " +
                "TEST_RABBITMQ_CTL to the command that controls it (e.g. rabbitmqctl, or \"sudo -n rabbitmqctl\"), or run ./test.sh.");
        }

        var start = new ProcessStartInfo(_control[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in _control.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add(verb);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {_control[0]}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{string.Join(' ', _control)} {verb} did not finish within 2 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', _control)} {verb} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }
}
