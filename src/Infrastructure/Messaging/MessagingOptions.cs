using Microsoft.Extensions.Configuration;

namespace CleanVisitors.Infrastructure.Messaging;

/// <summary>The broker and how its consumers retry.</summary>
public sealed class MessagingOptions
{
    /// <summary><c>RABBITMQ_URL</c>: <c>amqp://user:password@host:5672/vhost</c>; unset, the in-memory transport.</summary>
    [ConfigurationKeyName("RABBITMQ_URL")]
    public string? RabbitMqUrl { get; set; }

    /// <summary><c>NOTIFICATION_RETRY_LIMIT</c>: redeliveries of a failed notification before it is dead-lettered.</summary>
    [ConfigurationKeyName("NOTIFICATION_RETRY_LIMIT")]
    public int RetryLimit { get; set; } = 5;

    /// <summary><c>NOTIFICATION_RETRY_MIN_MS</c>: the first redelivery's delay.</summary>
    [ConfigurationKeyName("NOTIFICATION_RETRY_MIN_MS")]
    public int RetryMinMs { get; set; } = 1000;

    /// <summary><c>NOTIFICATION_RETRY_MAX_MS</c>: the longest redelivery delay (at least the first's).</summary>
    [ConfigurationKeyName("NOTIFICATION_RETRY_MAX_MS")]
    public int RetryMaxMs { get; set; } = 30_000;

    /// <summary><c>CONSUMER_CONCURRENCY</c>: messages each consumer handles at once.</summary>
    [ConfigurationKeyName("CONSUMER_CONCURRENCY")]
    public int ConcurrentMessageLimit { get; set; } = 8;

    public TimeSpan RetryMinInterval => TimeSpan.FromMilliseconds(RetryMinMs);

    public TimeSpan RetryMaxInterval => TimeSpan.FromMilliseconds(Math.Max(RetryMinMs, RetryMaxMs));

    /// <summary>The broker's address in its parts, or null for the in-memory transport.</summary>
    public RabbitMqUrl? Broker() => RabbitMqUrl is null ? null : Messaging.RabbitMqUrl.Parse(RabbitMqUrl);
}
