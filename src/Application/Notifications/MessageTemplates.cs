using System.Globalization;

namespace CleanVisitors.Application.Notifications;

/// <summary>
/// Every message text in one place: short, and with no more personal data than the recipient needs
/// (a host learns the visitor's name and purpose; a visitor learns the host's name and the time).
/// </summary>
public static class MessageTemplates
{
    public static string ApprovalRequested(string? visitorName, string? company, string purpose, string siteName, string link) =>
        $"CleanVisitors: {Name(visitorName)}{(string.IsNullOrEmpty(company) ? string.Empty : $" ({company})")} is at {siteName} to see you: {purpose}. Approve or reject: {link}";

    public static string Invitation(string hostName, string siteName, string expectedAtLocal, string badgeCode) =>
        $"CleanVisitors: {hostName} invites you to {siteName} on {expectedAtLocal}. Show badge code {badgeCode} at the front desk.";

    public static string Approved(string hostName, string siteName, string badgeCode) =>
        $"CleanVisitors: {hostName} approved your visit to {siteName}. Your badge code: {badgeCode}.";

    public static string Rejected(string hostName, string siteName) =>
        $"CleanVisitors: {hostName} cannot receive you at {siteName} this time. Please ask at the front desk.";

    public static string VisitorArrived(string? visitorName, string siteName) =>
        $"CleanVisitors: {Name(visitorName)} has checked in at {siteName}.";

    public static string DailySummary(DateOnly day, int visits, int checkedIn, int rejected, int expired) =>
        $"CleanVisitors summary for {day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}: {visits} visits, {checkedIn} checked in, {rejected} rejected, {expired} expired.";

    /// <summary>A time as the site's clock shows it, with the zone, e.g. <c>2026-11-27 09:30 (Europe/Berlin)</c>.</summary>
    public static string LocalTime(DateTimeOffset at, string timeZone)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        return TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + $" ({timeZone})";
    }

    private static string Name(string? name) => string.IsNullOrEmpty(name) ? "Your visitor" : name;
}
