namespace CleanVisitors.Application.Notifications;

/// <summary>How a send went: the provider accepted it or not, after how many HTTP attempts, and why not.</summary>
public sealed record SendOutcome(bool Succeeded, int Attempts, string? Error);
