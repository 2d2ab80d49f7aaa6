using CleanVisitors.Infrastructure.Configuration;
using FluentValidation;

namespace CleanVisitors.Api.Configuration;

public sealed class ServerOptionsRules : SettingsRules<ServerOptions>
{
    public ServerOptionsRules()
    {
        Between(o => o.Port, 1, 65535);
        Between(o => o.ManagementPort, 1, 65535);
        RuleFor(o => o.ManagementPort).Must((o, _) => !o.ManagementPortClashes())
            .WithMessage(o => $"({o.ManagementPort}) must differ from the API's port (PORT, or ASPNETCORE_URLS / ASPNETCORE_HTTP_PORTS when set): /metrics is served on its own port, never on the API's.");
        RuleFor(o => o.MaxRequestBodyBytes).GreaterThanOrEqualTo(1024)
            .WithMessage("must be a whole number of bytes, at least 1024 (default 1048576); it is '{PropertyValue}'.");
        RuleFor(o => o.MaxConcurrentRequests).InclusiveBetween(1, 100_000)
            .WithMessage("must be a whole number from 1 to 100000; it is '{PropertyValue}'.");
        Between(o => o.MaxQueuedRequests, 0, 1_000_000);
        Between(o => o.ShutdownTimeoutSeconds, 1, 3600);
    }
}
