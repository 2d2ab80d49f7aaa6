namespace CleanVisitors.Application.Sites;

public sealed record SiteDto(Guid Id, string Name, string TimeZone);
