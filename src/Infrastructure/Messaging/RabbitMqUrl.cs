namespace CleanVisitors.Infrastructure.Messaging;

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
