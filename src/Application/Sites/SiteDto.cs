using System.ComponentModel.DataAnnotations;
using CleanVisitors.Domain.Common;
namespace CleanVisitors.Application.Sites;

public sealed record SiteDto(Guid Id, [property: MaxLength(Limits.NameMaxLength)] string Name, [property: MaxLength(Limits.TimeZoneMaxLength)] string TimeZone);
