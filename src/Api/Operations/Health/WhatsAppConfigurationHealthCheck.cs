using CleanVisitors.Infrastructure.Notifications.WhatsApp;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Api.Operations.Health;

/// <summary>Degraded when WhatsApp is not configured: notifications are then recorded as Skipped, not sent.</summary>
internal sealed class WhatsAppConfigurationHealthCheck(IOptions<WhatsAppOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var configured = options.Value.IsConfigured;
        return Task.FromResult(configured
            ? HealthCheckResult.Healthy("WhatsApp provider configured.")
            : HealthCheckResult.Degraded("WHATSAPP_API_URL / WHATSAPP_API_TOKEN not set: notifications are skipped."));
    }
}
