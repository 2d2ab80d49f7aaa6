using System.Globalization;
using StackExchange.Redis;

namespace CleanVisitors.Api.RateLimiting;

/// <summary>
/// Reads <c>REDIS_URL</c> as the Node service's Redis client did: <c>redis://[[user]:password@]host[:port][/db]</c>, and
/// <c>rediss://</c> for TLS. The options never wait for Redis: a request is never held up by it (see
/// <see cref="SharedCounters"/>), so a command fails at once while the connection is down, and the client reconnects by
/// itself.
/// </summary>
public static class RedisUrl
{
    public const int DefaultPort = 6379;

    public static ConfigurationOptions Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || !Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host)
            || (uri.Scheme != "redis" && uri.Scheme != "rediss"))
        {
            throw new FormatException("REDIS_URL is not a valid redis:// URL: expected redis://[:password@]host:6379[/db], or rediss:// for TLS.");
        }

        var options = new ConfigurationOptions
        {
            EndPoints = { { uri.Host, uri.IsDefaultPort || uri.Port <= 0 ? DefaultPort : uri.Port } },
            Ssl = uri.Scheme == "rediss",
            SslHost = uri.Scheme == "rediss" ? uri.Host : null,
            ClientName = "cleanvisitors",
            // Never wait for Redis: the first connection is made in the background, a command fails at once while there is
            // none (the limits are then counted here), a slow answer gives up after two seconds (a busy host's thread pool
            // can delay a local answer past one), and reconnection is retried every second, so shared counting resumes
            // within about a second of Redis coming back.
            AbortOnConnectFail = false,
            BacklogPolicy = BacklogPolicy.FailFast,
            ConnectTimeout = 2000,
            AsyncTimeout = 2000,
            SyncTimeout = 2000,
            ConnectRetry = 1,
            ReconnectRetryPolicy = new LinearRetry(1000),
        };
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo.Length == 2)
        {
            options.User = userInfo[0].Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : null;
            options.Password = Uri.UnescapeDataString(userInfo[1]);
        }
        else if (userInfo[0].Length > 0)
        {
            // redis://password@host, as some providers print it
            options.Password = Uri.UnescapeDataString(userInfo[0]);
        }

        var database = uri.AbsolutePath.Trim('/');
        if (database.Length > 0)
        {
            if (!int.TryParse(database, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                throw new FormatException($"REDIS_URL names the database '{database}': use a database number (redis://host:6379/0).");
            }

            options.DefaultDatabase = index;
        }

        return options;
    }
}
