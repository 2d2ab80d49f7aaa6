using System.ComponentModel.DataAnnotations;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Jobs;

namespace CleanVisitors.Application.Jobs.Queries.ListCronRuns;

/// <summary>One run of a scheduled job: which instance ran it, when it started and finished, how many records it changed, how it ended.</summary>
public sealed record CronRunDto(Guid Id, [property: MaxLength(Limits.JobNameMaxLength)] string Job, [property: MaxLength(Limits.InstanceMaxLength)] string Instance, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, [property: Range(0, int.MaxValue)] int Affected, CronRunOutcome Outcome, [property: MaxLength(Limits.JobErrorMaxLength)] string? Error);
