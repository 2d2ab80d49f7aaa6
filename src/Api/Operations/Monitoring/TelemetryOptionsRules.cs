using CleanVisitors.Infrastructure.Configuration;

namespace CleanVisitors.Api.Operations.Monitoring;

public sealed class TelemetryOptionsRules : SettingsRules<TelemetryOptions>;
