using CleanVisitors.Domain.Common;

namespace CleanVisitors.Domain.Sites;

/// <summary>A place visitors come to, with the IANA time zone its times are shown in.</summary>
public sealed class Site : Entity
{
    public const string DefaultName = "Main site";

    private Site(Guid id, string name, string timeZone, bool isDefault, DateTimeOffset createdAt)
        : base(id)
    {
        Name = name;
        TimeZone = timeZone;
        IsDefault = isDefault;
        CreatedAt = createdAt;
    }

    public string Name { get; private set; }

    public string TimeZone { get; private set; }

    public bool IsDefault { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>
    /// An IANA zone name (Europe/Berlin, UTC, also an alias such as Europe/Kiev). Not a file of the zone database that names
    /// no zone: <c>localtime</c> (whatever the machine is set to) or <c>posixrules</c>; those are neither listed among the
    /// system's zones nor mapped to a Windows zone.
    /// </summary>
    public static bool IsKnownTimeZone(string? timeZone) =>
        !string.IsNullOrWhiteSpace(timeZone) && timeZone.Length <= Limits.TimeZoneMaxLength
        && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) && zone.HasIanaId
        && (ListedZones.Value.Contains(timeZone) || TimeZoneInfo.TryConvertIanaIdToWindowsId(timeZone, out _));

    private static readonly Lazy<HashSet<string>> ListedZones = new(() =>
        TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).ToHashSet(StringComparer.Ordinal));

    public static Result<Site> Create(string name, string timeZone, bool isDefault, Guid? actorId, DateTimeOffset now)
    {
        if (!IsKnownTimeZone(timeZone))
        {
            return Error.Validation("timeZone", "Must be an IANA time zone such as Europe/Berlin.");
        }

        var site = new Site(Guid.CreateVersion7(now), name, timeZone, isDefault, now);
        site.Raise(new SiteCreated(site.Id, actorId, now));
        return site;
    }
}
