using System.ComponentModel.DataAnnotations;
using CleanVisitors.Domain.Common;

namespace CleanVisitors.Application.Users.Queries.ListHosts;

/// <summary>A host a visitor may come to see.</summary>
public sealed record HostDto(Guid Id, [property: MaxLength(Limits.NameMaxLength)] string FullName);
