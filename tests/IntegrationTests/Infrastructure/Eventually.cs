using System.Diagnostics;
using System.Net;

namespace CleanVisitors.IntegrationTests.Infrastructure;

/// <summary>
/// The one way the integration tests wait for what happens in the background: check a condition until it holds, and
/// fail at a deadline with an account of what was seen last. The deadline bounds a hang; it is never what a test
/// measures, so it is generous (a busy machine is slow, not wrong). A source that knows when something new arrived
/// (a fake server, a log sink, a process's output) passes its <see cref="Signal"/>, and the check runs again at once
/// instead of on the next tick.
/// </summary>
public static class Eventually
{
    /// <summary>How often a condition without a <see cref="Signal"/> is checked.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>With a <see cref="Signal"/>: checked again at least this often all the same (a change it does not announce).</summary>
    private static readonly TimeSpan SignalledInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Checks <paramref name="probe"/> until <paramref name="done"/> holds for its answer; answers it, or fails at the deadline.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, Func<T, string> describe, Signal? changed = null)
    {
        var (value, held) = await CheckAsync(probe, done, timeout, changed);
        if (!held)
        {
            Assert.Fail($"Not within {timeout.TotalSeconds:0.###} s: {describe(value)}");
        }

        return value;
    }

    /// <summary>Until <paramref name="condition"/> holds; fails naming <paramref name="what"/> at the deadline.</summary>
    public static Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, Signal? changed = null) =>
        UntilAsync(condition, held => held, timeout, _ => what, changed);

    /// <summary>
    /// Checks <paramref name="probe"/> until <paramref name="done"/> holds or the deadline passes, and answers the last
    /// answer either way: for a test that asserts on it itself (a status it compares, a fact it reports as false).
    /// </summary>
    public static async Task<T> LastAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, Signal? changed = null) =>
        (await CheckAsync(probe, done, timeout, changed)).Value;

    /// <summary>Until GET <paramref name="path"/> answers <paramref name="status"/> (a refused connection counts as no answer yet).</summary>
    public static Task StatusAsync(HttpClient client, string path, HttpStatusCode status, TimeSpan timeout) =>
        UntilAsync(
            async () =>
            {
                try
                {
                    using var response = await client.GetAsync(path);
                    return (Status: response.StatusCode, Body: await response.Content.ReadAsStringAsync());
                }
                catch (HttpRequestException ex)
                {
                    return (Status: (HttpStatusCode)0, Body: ex.Message);
                }
            },
            answer => answer.Status == status,
            timeout,
            answer => $"GET {path} answers {(int)answer.Status} ({answer.Body}), not {(int)status}");

    private static async Task<(T Value, bool Held)> CheckAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, Signal? changed)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            // Taken before the check: a change that lands while it runs still wakes the wait below.
            var next = changed?.Next;
            var value = await probe();
            if (done(value))
            {
                return (value, true);
            }

            var left = timeout - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                return (value, false);
            }

            var pause = next is null ? Interval : SignalledInterval;
            var wait = Task.Delay(left < pause ? left : pause);
            await (next is null ? wait : Task.WhenAny(next, wait));
        }
    }
}

/// <summary>
/// Announces that a source received something new (a request, a log event, a span, an output line), so that
/// <see cref="Eventually"/> checks again at once. Raising it is cheap and never fails, from any thread.
/// </summary>
public sealed class Signal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Raise"/>.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Raise() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
