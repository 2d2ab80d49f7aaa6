using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.RealProcess;

/// <summary>Requests that stay in flight as long as a test wants: a body sent in two halves, and a wait until the server runs it.</summary>
public static class SlowRequests
{
    /// <summary>
    /// Polls <c>/metrics</c> until the server counts at least <paramref name="count"/> active requests of this method
    /// (they are inside the pipeline). A GET scrape counts itself: ask one more GET than the requests you wait for.
    /// </summary>
    public static async Task WaitUntilActiveAsync(ApiProcess api, string method, int count = 1)
    {
        using var client = api.CreateManagementClient();
        await Eventually.UntilAsync(
            async () =>
            {
                var metrics = await client.GetStringAsync("/metrics");
                return metrics.Split('\n')
                    .Where(line => line.StartsWith("http_server_active_requests{", StringComparison.Ordinal)
                        && line.Contains($"http_request_method=\"{method}\"", StringComparison.Ordinal))
                    .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
            },
            active => active >= count,
            TimeSpan.FromSeconds(30),
            active => $"the server counts {active} active {method} requests, not {count}:\n{api.Output}");
    }

    /// <summary>A JSON body sent in two halves: the second only when the task given as <c>rest</c> completes.</summary>
    public sealed class TrickleContent : HttpContent
    {
        private readonly byte[] _body;
        private readonly Task _rest;
        private readonly TaskCompletionSource _halfSent = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TrickleContent(object value, Task rest)
        {
            _body = Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(value, TestData.Json));
            _rest = rest;
            Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        /// <summary>Completes when the first half has been written and flushed to the connection.</summary>
        public Task HalfSent => _halfSent.Task;

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            // Cut inside a string value, as a slow network would: the server has read the first half but cannot parse it yet.
            var half = Encoding.UTF8.GetString(_body).IndexOf("Slow", StringComparison.Ordinal) + 2;
            await stream.WriteAsync(_body.AsMemory(0, half));
            await stream.FlushAsync();
            _halfSent.TrySetResult();
            await _rest;
            await stream.WriteAsync(_body.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _body.Length;
            return true;
        }
    }
}
