namespace CleanVisitors.Application.Notifications;

/// <summary>
/// Asks for an erased visitor's photo to be deleted from the blob store. Written with the erasure (outbox), so the file
/// goes even when the blob store fails at that moment; the key is a random name, not personal data.
/// </summary>
public sealed record VisitorPhotoDeletionRequested(Guid EventId, string PhotoKey);
