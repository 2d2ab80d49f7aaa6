using Microsoft.Extensions.Configuration;

namespace CleanVisitors.Application.Common.Behaviors;

/// <summary>Options of the application layer.</summary>
public sealed class ApplicationOptions
{
    /// <summary><c>SLOW_HANDLER_THRESHOLD_MS</c>: a use case slower than this is logged as a Warning.</summary>
    [ConfigurationKeyName("SLOW_HANDLER_THRESHOLD_MS")]
    public int SlowHandlerThresholdMs { get; set; } = 500;
}
