namespace CleanVisitors.Application.Notifications;

/// <summary>Asks for the daily summary to every Admin with a phone number.</summary>
public sealed record DailySummaryRequested(Guid EventId, DateOnly Day);
