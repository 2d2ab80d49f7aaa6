using CleanVisitors.Infrastructure.Configuration;
using CleanVisitors.Infrastructure.Messaging.Outbox;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanVisitors.Infrastructure.Messaging;

/// <summary>
/// MassTransit on RabbitMQ when <c>RABBITMQ_URL</c> is set (<c>amqp://user:pass@host:port/vhost</c>), else its
/// in-memory transport. The RabbitMQ connection is supervised by MassTransit: when the broker goes away the
/// transport reconnects on its own with exponential back-off, without restarting the API; the bus health check
/// (named <c>rabbitmq</c>, part of readiness) reports the connection state meanwhile.
/// </summary>
public static class MessagingSetup
{
    public const string BrokerHealthCheckName = "rabbitmq";

    public static IServiceCollection AddMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        var rabbitUrl = configuration.Setting("RABBITMQ_URL");
        var healthCheckName = rabbitUrl is null ? "messaging" : BrokerHealthCheckName;
        services.AddOptions<MessagingOptions>().Configure(o =>
        {
            o.RetryLimit = Math.Max(0, configuration.Number("NOTIFICATION_RETRY_LIMIT", o.RetryLimit));
            o.RetryMinInterval = TimeSpan.FromMilliseconds(Math.Max(10, configuration.Number("NOTIFICATION_RETRY_MIN_MS", (int)o.RetryMinInterval.TotalMilliseconds)));
            o.RetryMaxInterval = TimeSpan.FromMilliseconds(Math.Max(o.RetryMinInterval.TotalMilliseconds, configuration.Number("NOTIFICATION_RETRY_MAX_MS", (int)o.RetryMaxInterval.TotalMilliseconds)));
            o.ConcurrentMessageLimit = Math.Max(1, configuration.Number("CONSUMER_CONCURRENCY", o.ConcurrentMessageLimit));
        });
        services.AddOptions<OutboxOptions>().Configure(o =>
        {
            o.BatchSize = Math.Max(1, configuration.Number("OUTBOX_BATCH_SIZE", o.BatchSize));
            o.PollInterval = TimeSpan.FromMilliseconds(Math.Max(50, configuration.Number("OUTBOX_POLL_INTERVAL_MS", (int)o.PollInterval.TotalMilliseconds)));
            o.Retention = TimeSpan.FromHours(Math.Max(1, configuration.Number("OUTBOX_RETENTION_HOURS", (int)o.Retention.TotalHours)));
            o.KeepUntilConsumed = rabbitUrl is null;
            o.RedeliverAfter = TimeSpan.FromSeconds(Math.Max(1, configuration.Number("OUTBOX_REDELIVERY_SECONDS", (int)o.RedeliverAfter.TotalSeconds)));
        });
        services.AddSingleton<OutboxConsumptionObserver>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxSaveChangesInterceptor>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxDispatcher>());

        services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            // MassTransit 8.4+ reports usage to its vendor's server by default; this service calls no host but the ones
            // its operator configured.
            bus.DisableUsageTelemetry();
            bus.AddConsumer<VisitNotificationConsumer, NotificationConsumerDefinition<VisitNotificationConsumer>>();
            bus.AddConsumer<DailySummaryConsumer, NotificationConsumerDefinition<DailySummaryConsumer>>();
            bus.AddConsumer<VisitorPhotoDeletionConsumer, VisitorPhotoDeletionConsumerDefinition>();
            bus.ConfigureHealthCheckOptions(health => health.Name = healthCheckName);

            if (rabbitUrl is null)
            {
                bus.UsingInMemory((context, transport) =>
                {
                    transport.ConnectConsumeObserver(context.GetRequiredService<OutboxConsumptionObserver>());
                    transport.UseConsumeFilter(typeof(SystemCallerFilter<>), context);
                    transport.ConfigureEndpoints(context);
                });
                return;
            }

            var broker = RabbitMqUrl.Parse(rabbitUrl);
            bus.UsingRabbitMq((context, transport) =>
            {
                transport.Host(broker.Host, broker.Port, broker.VirtualHost, host =>
                {
                    host.Username(broker.Username);
                    host.Password(broker.Password);
                    host.PublisherConfirmation = true;
                    host.Heartbeat(TimeSpan.FromSeconds(10));
                    host.RequestedConnectionTimeout(TimeSpan.FromSeconds(5));
                    if (broker.UseSsl)
                    {
                        host.UseSsl(ssl => ssl.Protocol = System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13);
                    }
                });
                transport.UseConsumeFilter(typeof(SystemCallerFilter<>), context);
                transport.ConfigureEndpoints(context);
            });
        });

        // MassTransit's bus check answers Degraded, not Unhealthy, when its receive endpoint is down because the broker
        // is unreachable, and Degraded passes readiness (200); its MinimalFailureStatus only applies when the check
        // throws. And it ignores an emptied tag list (the bus then gets its default tags, "ready" among them). So its
        // registration is replaced by one that reports anything short of Healthy as Unhealthy, tagged ready only on
        // RabbitMQ (the in-memory transport is not a dependency that can be down).
        services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            var registration = options.Registrations.FirstOrDefault(r => r.Name == healthCheckName);
            if (registration is null)
            {
                return;
            }

            options.Registrations.Remove(registration);
            options.Registrations.Add(new HealthCheckRegistration(
                healthCheckName,
                provider => new StrictBusHealthCheck(registration.Factory(provider)),
                HealthStatus.Unhealthy,
                rabbitUrl is null ? [] : [DependencyInjection.ReadyTag]));
        });

        services.Configure<MassTransitHostOptions>(options =>
        {
            // Start serving HTTP even while the broker is down: the bus connects (and reconnects) in the background.
            options.WaitUntilStarted = false;
            options.StopTimeout = TimeSpan.FromSeconds(10);
        });
        return services;
    }
}

/// <summary>The bus health check, with Degraded (some endpoint not consuming: the broker is gone) reported as Unhealthy.</summary>
internal sealed class StrictBusHealthCheck(IHealthCheck bus) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var result = await bus.CheckHealthAsync(context, cancellationToken);
        return result.Status == HealthStatus.Degraded
            ? new HealthCheckResult(HealthStatus.Unhealthy, result.Description, result.Exception, result.Data)
            : result;
    }
}

/// <summary><c>RABBITMQ_URL</c> read into its parts; the password never appears in logs or messages.</summary>
public sealed record RabbitMqUrl(string Host, ushort Port, string VirtualHost, string Username, string Password, bool UseSsl)
{
    public static RabbitMqUrl Parse(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps") || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException("RABBITMQ_URL is not an amqp:// URL: expected amqp://user:password@host:5672/vhost.");
        }

        var ssl = uri.Scheme == "amqps";
        var userInfo = uri.UserInfo.Split(':', 2);
        var username = userInfo[0].Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : "guest";
        var password = userInfo.Length == 2 ? Uri.UnescapeDataString(userInfo[1]) : "guest";
        var vhost = uri.AbsolutePath.Length > 1 ? Uri.UnescapeDataString(uri.AbsolutePath[1..]) : "/";
        var port = uri.IsDefaultPort || uri.Port <= 0 ? (ushort)(ssl ? 5671 : 5672) : (ushort)uri.Port;
        return new RabbitMqUrl(uri.Host, port, vhost, username, password, ssl);
    }

    public override string ToString() => $"{(UseSsl ? "amqps" : "amqp")}://{Username}:***@{Host}:{Port}/{VirtualHost}";
}
