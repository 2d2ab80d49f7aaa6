namespace CleanVisitors.Domain.Visits;

/// <summary>The visitor of an invitation as the inviting Host gave them: name, phone number (E.164) and company.</summary>
public sealed record Invitee(string FullName, string PhoneNumber, string? Company);
