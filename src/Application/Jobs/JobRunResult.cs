using System.ComponentModel.DataAnnotations;
using CleanVisitors.Domain.Common;

namespace CleanVisitors.Application.Jobs;

/// <summary>What one run did, as <c>POST /api/cron/{job}</c> answers it.</summary>
public sealed record JobRunResult([property: MaxLength(Limits.JobNameMaxLength)] string Job, [property: Range(0, int.MaxValue)] int Affected, [property: Range(0L, long.MaxValue)] long DurationMs);
