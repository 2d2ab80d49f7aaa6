using CleanVisitors.Api.Configuration;
using CleanVisitors.Api.Operations.Health;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Api.Startup;

/// <summary>
/// SIGTERM/SIGINT (the host's console lifetime) start the shutdown: readiness answers 503 at once, in-flight requests
/// finish (<see cref="RequestDrain"/>), Kestrel stops accepting, background services stop, connections close, logs flush.
/// <c>SHUTDOWN_TIMEOUT_SECONDS</c> (default 30) bounds it: a shutdown that overruns ends the process with exit
/// code 1. Unhandled and unobserved exceptions are logged; a fatal one starts the graceful shutdown.
/// </summary>
public static partial class GracefulShutdown
{
    public const int OverrunExitCode = 1;

    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services)
    {
        services.AddOptions<HostOptions>().Configure<IOptions<ServerOptions>>((options, server) => options.ShutdownTimeout = server.Value.ShutdownTimeout);
        services.AddSingleton<RequestDrain>();
        services.AddHostedService(provider => provider.GetRequiredService<RequestDrain>());
        return services;
    }

    /// <summary>Wires the lifetime events; returns a function that tells, after the host stopped, whether shutdown overran.</summary>
    public static Func<bool> Watch(WebApplication app)
    {
        var timeout = app.Services.GetRequiredService<IOptions<ServerOptions>>().Value.ShutdownTimeout;
        var state = app.Services.GetRequiredService<ShutdownState>();
        var logger = app.Services.GetRequiredService<ILogger<ShutdownState>>();
        var lifetime = app.Lifetime;
        long stoppingAt = 0;
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        lifetime.ApplicationStopping.Register(() =>
        {
            stoppingAt = Environment.TickCount64;
            state.MarkStopping();
            LogStopping(logger, (int)timeout.TotalSeconds);
            // A watchdog: a shutdown hung past its bound (plus a margin for flushing) ends the process anyway.
            _ = Task.Run(async () =>
            {
                if (await Task.WhenAny(stopped.Task, Task.Delay(timeout + TimeSpan.FromSeconds(5))) != stopped.Task)
                {
                    LogOverrun(logger, (int)timeout.TotalSeconds);
                    Flush(app.Services);
                    Environment.Exit(OverrunExitCode);
                }
            });
        });
        lifetime.ApplicationStopped.Register(() =>
        {
            stopped.TrySetResult();
            LogStopped(logger, stoppingAt == 0 ? 0 : Environment.TickCount64 - stoppingAt);
        });

        AppDomain.CurrentDomain.UnhandledException += (_, args) =>
        {
            LogUnhandled(logger, args.ExceptionObject as Exception, args.IsTerminating);
            if (args.IsTerminating)
            {
                // Give in-flight requests their bounded chance before the runtime ends the process.
                lifetime.StopApplication();
                stopped.Task.Wait(timeout);
                Flush(app.Services);
            }
        };
        TaskScheduler.UnobservedTaskException += (_, args) =>
        {
            LogUnobserved(logger, args.Exception);
            args.SetObserved();
        };

        return () => stoppingAt != 0 && Environment.TickCount64 - stoppingAt > timeout.TotalMilliseconds;
    }

    /// <summary>
    /// Writes out the host's buffered log events before the process ends without the host's own disposal: disposing the
    /// logger factory disposes the host's Serilog logger, which empties its batching sink.
    /// </summary>
    private static void Flush(IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<ILoggerFactory>().Dispose();
        }
        catch (ObjectDisposedException)
        {
            // The host is gone already, and its logger was flushed with it.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutdown started: readiness now fails; in-flight requests get up to {TimeoutSeconds} s")]
    private static partial void LogStopping(ILogger logger, int timeoutSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutdown complete in {ElapsedMs} ms")]
    private static partial void LogStopped(ILogger logger, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Shutdown overran SHUTDOWN_TIMEOUT_SECONDS={TimeoutSeconds}: exiting anyway")]
    private static partial void LogOverrun(ILogger logger, int timeoutSeconds);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Unhandled exception (terminating: {IsTerminating})")]
    private static partial void LogUnhandled(ILogger logger, Exception? exception, bool isTerminating);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unobserved task exception")]
    private static partial void LogUnobserved(ILogger logger, Exception exception);
}
