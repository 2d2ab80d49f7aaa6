namespace CleanVisitors.Application.Common.Interfaces;

public sealed record BlobContent(Stream Content, string ContentType);
