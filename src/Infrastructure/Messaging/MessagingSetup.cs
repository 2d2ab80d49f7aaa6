using CleanVisitors.Infrastructure.Messaging.Outbox;
using MassTransit;
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

    public static IServiceCollection AddMessaging(this IServiceCollection services, MessagingOptions options)
    {
        var broker = options.Broker();
        var healthCheckName = broker is null ? "messaging" : BrokerHealthCheckName;
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

            if (broker is null)
            {
                bus.UsingInMemory((context, transport) =>
                {
                    transport.ConnectConsumeObserver(context.GetRequiredService<OutboxConsumptionObserver>());
                    transport.UseConsumeFilter(typeof(SystemCallerFilter<>), context);
                    transport.ConfigureEndpoints(context);
                });
                return;
            }

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
                broker is null ? [] : [DependencyInjection.ReadyTag]));
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
