using System.Reflection;
using CleanVisitors.Api.Operations.Monitoring;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Templates;

namespace CleanVisitors.Api.Operations.Logging;

/// <summary>
/// Serilog: one JSON object per line in Production (UTC timestamp, level, message template, rendered message,
/// trace and span ids, properties), readable text in Development; written to standard output in batches off the
/// request path (<see cref="StandardOutputSink"/>) and flushed on shutdown. <c>LOG_LEVEL</c> sets the minimum; framework noise is turned down.
/// </summary>
public static class LoggingSetup
{
    public static readonly string AppVersion =
        typeof(LoggingSetup).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>
    /// The Production line format: every event a JSON object with the same fields. The trace context goes under the
    /// names OpenTelemetry gives it in log formats other than OTLP (<c>trace_id</c>, <c>span_id</c>), which log
    /// aggregators link to traces by.
    /// </summary>
    public static ITextFormatter JsonFormatter() =>
        new ExpressionTemplate("{ {@t: UtcDateTime(@t), @l, @mt, @m, @x, trace_id: @tr, span_id: @sp, ..@p} }\n");

    public static ITextFormatter TextFormatter() =>
        new ExpressionTemplate("[{@t:HH:mm:ss} {@l:u3}] {@m} {#if SourceContext is not null}<{Substring(SourceContext, LastIndexOf(SourceContext, '.') + 1)}>{#end}\n{@x}");

    public static ITextFormatter FormatterFor(IHostEnvironment environment) =>
        environment.IsDevelopment() ? TextFormatter() : JsonFormatter();

    /// <summary>A logger for the moments before the host exists (configuration validation, fatal start-up errors).</summary>
    public static Serilog.ILogger BootstrapLogger(LogEventLevel level, string environmentName) =>
        Base(new LoggerConfiguration(), level, environmentName)
            .WriteTo.Console(string.Equals(environmentName, "Development", StringComparison.OrdinalIgnoreCase) ? TextFormatter() : JsonFormatter())
            .CreateLogger();

    public static IServiceCollection AddStructuredLogging(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddSerilog((provider, logger) =>
        {
            var telemetry = provider.GetRequiredService<IOptions<TelemetryOptions>>().Value;
            Base(logger, provider.GetRequiredService<IOptions<LoggingOptions>>().Value.Level, environment.EnvironmentName)
                .WriteTo.Sink(
                    new StandardOutputSink(FormatterFor(environment), Console.OpenStandardOutput()),
                    new BatchingOptions { BufferingTimeLimit = StandardOutputSink.BufferingTimeLimit, BatchSizeLimit = 1_000, QueueLimit = 10_000 });
            if (telemetry.LogsExported)
            {
                // Beside standard output, not instead: OTLP to the collector the traces go to (OTEL_EXPORTER_OTLP_*),
                // each record with its trace and span ids.
                logger.WriteTo.OpenTelemetry(
                    options =>
                    {
                        options.ResourceAttributes["service.name"] = telemetry.ServiceName;
                        options.ResourceAttributes["service.version"] = AppVersion;
                    },
                    key => telemetry.Variables.GetValueOrDefault(key));
            }

            foreach (var extra in provider.GetServices<ILogEventSink>())
            {
                logger.WriteTo.Sink(extra);
            }
        },
        // The host's logger is its own: handed to the static Log.Logger, every host in one process (the integration
        // tests run dozens) would write into the last one's sinks, and the first to stop would close it for all.
        preserveStaticLogger: true);
        return services;
    }

    private static LoggerConfiguration Base(LoggerConfiguration logger, LogEventLevel level, string environmentName)
    {
        var quiet = level > LogEventLevel.Warning ? level : LogEventLevel.Warning;
        return logger
            .MinimumLevel.Is(level)
            .MinimumLevel.Override("Microsoft", quiet)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", level)
            .MinimumLevel.Override("System", quiet)
            .MinimumLevel.Override("MassTransit", quiet)
            // Polly writes an Information event for every attempt of every resilient HTTP call (one per WhatsApp
            // message); its retries, timeouts and open circuits come as Warnings and stay.
            .MinimumLevel.Override("Polly", quiet)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Environment", environmentName)
            .Enrich.WithProperty("AppVersion", AppVersion)
            .Enrich.WithProperty("Application", "CleanVisitors.Api")
            .Enrich.With<SensitiveDataMasking>();
    }
}
