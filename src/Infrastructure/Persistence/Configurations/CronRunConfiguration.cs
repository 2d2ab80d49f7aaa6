using CleanVisitors.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanVisitors.Infrastructure.Persistence.Configurations;

internal sealed class CronRunConfiguration : IEntityTypeConfiguration<Domain.Jobs.CronRun>
{
    public void Configure(EntityTypeBuilder<Domain.Jobs.CronRun> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Job).HasMaxLength(Limits.JobNameMaxLength);
        builder.Property(r => r.Instance).HasMaxLength(Limits.InstanceMaxLength);
        builder.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Error).HasMaxLength(Limits.JobErrorMaxLength);
        builder.HasIndex(r => new { r.Job, r.StartedAt });
        builder.HasIndex(r => r.StartedAt);
    }
}
