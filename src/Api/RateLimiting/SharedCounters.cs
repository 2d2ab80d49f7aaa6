using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace CleanVisitors.Api.RateLimiting;

/// <summary>
/// Where the rate limits are counted (ADR 010). With <c>REDIS_URL</c>, in Redis, so that every instance counts against
/// the same limits; without it, or while Redis does not answer, in this instance's memory (fail open): requests keep
/// being served, a Warning says so once, the <c>redis</c> health check is Degraded, and shared counting resumes by
/// itself at the first answer after Redis is back (an Information line says so).
/// </summary>
public sealed partial class SharedCounters : IAsyncDisposable
{
    private readonly Task<ConnectionMultiplexer>? _connecting;
    private readonly ILogger<SharedCounters> _logger;
    private readonly string _keyPrefix;
    private readonly byte[] _hashKey;
    private int _local;
    private long _retryAt;

    /// <param name="redis">The parsed <c>REDIS_URL</c>, or null to count in memory only.</param>
    /// <param name="keyPrefix">What every key is named under (<c>REDIS_KEY_PREFIX</c>), for deployments that share one Redis.</param>
    /// <param name="secret">
    /// A secret every instance shares (the JWT secret): the key of the HMAC that names a client in Redis, so that nobody who
    /// reads Redis can tell an address or an e-mail address by hashing candidates.
    /// </param>
    /// <param name="logger">Where falling back and resuming are told.</param>
    public SharedCounters(ConfigurationOptions? redis, string keyPrefix, string secret, ILogger<SharedCounters> logger)
    {
        _logger = logger;
        _keyPrefix = keyPrefix;
        _hashKey = SHA256.HashData(Encoding.UTF8.GetBytes("cleanvisitors.rate-limit-keys:" + secret));
        if (redis is not null)
        {
            // Never awaited on a request: until the first connection is up the limits are counted here.
            _connecting = ConnectionMultiplexer.ConnectAsync(redis);
            _connecting.ContinueWith(
                connecting => Unavailable(connecting.Exception?.GetBaseException()),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    /// <summary>How long the limits are counted in memory, without asking Redis, after a command failed or timed out.</summary>
    public static readonly TimeSpan RestAfterFailure = TimeSpan.FromSeconds(5);

    /// <summary>Whether <c>REDIS_URL</c> is set.</summary>
    public bool IsConfigured => _connecting is not null;

    /// <summary>Whether the limits are counted in Redis now (false between a failure and the next answer).</summary>
    public bool IsShared => IsConfigured && Volatile.Read(ref _local) == 0 && Connection is not null;

    /// <summary>
    /// The connection while it is up and not resting after a failure; null while it is down (or not yet made, or not
    /// configured), and for <see cref="RestAfterFailure"/> after a command failed or timed out, so that a Redis that hangs
    /// (connected, never answering) holds up only the requests that met its first timeout, not every request after them.
    /// </summary>
    public IConnectionMultiplexer? Connection =>
        _connecting is { IsCompletedSuccessfully: true } connecting && connecting.Result.IsConnected
            && Environment.TickCount64 >= Volatile.Read(ref _retryAt)
            ? connecting.Result
            : null;

    /// <summary>
    /// A fixed window of <paramref name="permitLimit"/> per <paramref name="window"/> for one client of one policy, counted in
    /// Redis under a key that names the deployment, the policy and a keyed hash of the client (an address, a user id or an
    /// e-mail address is never written to Redis, nor can it be found by hashing guesses).
    /// </summary>
    public RateLimiter FixedWindow(string policy, string client, int permitLimit, TimeSpan window) =>
        new FailOpenFixedWindowLimiter(this, $"{_keyPrefix}:{policy}:{Hash(client)}", permitLimit, window);

    /// <summary>
    /// Waits (at most <paramref name="patience"/>) for the first connection to be made or to fail, so that an instance
    /// starting next to a healthy Redis counts its first request there rather than in memory.
    /// </summary>
    public async Task WaitForFirstConnectionAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        if (_connecting is null)
        {
            return;
        }

        try
        {
            await _connecting.WaitAsync(patience, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or RedisException)
        {
            // Counted in memory until Redis answers; the Warning is written at the first request.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connecting is { IsCompletedSuccessfully: true } connecting)
        {
            await connecting.Result.DisposeAsync();
        }
    }

    /// <summary>Redis answered: shared counting goes on, or resumes.</summary>
    internal void Answered()
    {
        if (Interlocked.Exchange(ref _local, 0) == 1)
        {
            LogResumed(_logger);
        }
    }

    /// <summary>Redis did not answer (or is not connected): the limits are counted here until it does.</summary>
    internal void Unavailable(Exception? exception)
    {
        if (exception is not null)
        {
            // A command failed or timed out on a live connection: leave Redis alone for a while.
            Volatile.Write(ref _retryAt, Environment.TickCount64 + (long)RestAfterFailure.TotalMilliseconds);
        }

        // Nothing to say without REDIS_URL (memory is where the limits belong then), nor while the first connection is
        // still being made at start-up (milliseconds, not an outage).
        if (_connecting is null or { IsCompleted: false } || Interlocked.Exchange(ref _local, 1) == 1)
        {
            return;
        }

        LogFallingBack(_logger, exception?.GetType().Name ?? "no connection", exception);
    }

    /// <summary>Waits at start-up for the first connection to Redis (<see cref="WaitForFirstConnectionAsync"/>).</summary>
    internal sealed class FirstConnection(SharedCounters counters) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => counters.WaitForFirstConnectionAsync(TimeSpan.FromSeconds(5), cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private string Hash(string client) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes(client)).AsSpan(0, 16));

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Redis does not answer ({Reason}): rate limits are counted per instance until it does; each instance now allows the full limit")]
    private static partial void LogFallingBack(ILogger logger, string reason, Exception? exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis answers again: rate limits are shared by every instance")]
    private static partial void LogResumed(ILogger logger);
}
