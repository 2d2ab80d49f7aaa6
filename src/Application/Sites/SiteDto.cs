using System.ComponentModel.DataAnnotations;
using CleanVisitors.Domain.Common;
namespace CleanVisitors.Application.Sites;

/// <summary>A site: a building or office with its IANA time zone.</summary>
public sealed record SiteDto(Guid Id, [property: MaxLength(Limits.NameMaxLength)] string Name, [property: MaxLength(Limits.TimeZoneMaxLength)] string TimeZone);
