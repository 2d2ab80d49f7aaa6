namespace CleanVisitors.Infrastructure.Messaging;

/// <summary>The provider did not take a message, or another delivery holds it; the consumer's retry policy tries again.</summary>
public sealed class NotificationDeliveryException(string message) : Exception(message);
