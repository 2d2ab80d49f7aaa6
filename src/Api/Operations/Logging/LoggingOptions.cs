using Serilog.Events;

namespace CleanVisitors.Api.Operations.Logging;

public sealed class LoggingOptions
{
    /// <summary><c>LOG_LEVEL</c>: the minimum level (Verbose, Debug, Information, Warning, Error, Fatal).</summary>
    [ConfigurationKeyName("LOG_LEVEL")]
    public LogEventLevel Level { get; set; } = LogEventLevel.Information;
}
