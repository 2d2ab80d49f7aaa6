using CleanVisitors.Infrastructure.Configuration;

namespace CleanVisitors.Api.Operations.Logging;

public sealed class LoggingOptionsRules : SettingsRules<LoggingOptions>;
