using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Notifications;

namespace CleanVisitors.Application.Jobs.Scheduled;

/// <summary>
/// <c>daily-summary</c>: asks for the summary of yesterday (UTC) by writing one <see cref="DailySummaryRequested"/>
/// outbox message; the consumer sends it to the Admins. The message id is derived from the day, so however often the
/// job runs, a day gets one message (affected 1 the first time, 0 after).
/// </summary>
public sealed class DailySummaryJob(IOutbox outbox, TimeProvider time) : IScheduledJob
{
    public string Name => "daily-summary";

    public JobCadence Cadence => JobCadence.DailyUtc;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var yesterday = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1);
        var eventId = EventIdFor(yesterday);
        return await outbox.AddOnceAsync(eventId, new DailySummaryRequested(eventId, yesterday), now, cancellationToken) ? 1 : 0;
    }

    /// <summary>A name-based id (UUID version 8: the first 16 bytes of SHA-256 over the day), the same for the same day.</summary>
    public static Guid EventIdFor(DateOnly day)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("cleanvisitors:daily-summary:" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        var bytes = hash.AsSpan(0, 16);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
