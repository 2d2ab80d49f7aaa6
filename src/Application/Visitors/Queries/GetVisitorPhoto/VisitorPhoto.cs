namespace CleanVisitors.Application.Visitors.Queries.GetVisitorPhoto;

/// <summary>A photo to send: the stored bytes (the receiver disposes the stream), their type and a server-chosen file name.</summary>
public sealed record VisitorPhoto(Stream Content, string ContentType, string FileName);
