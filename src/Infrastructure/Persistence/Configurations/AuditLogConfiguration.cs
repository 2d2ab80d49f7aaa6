using CleanVisitors.Domain.AuditLogs;
using CleanVisitors.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanVisitors.Infrastructure.Persistence.Configurations;

internal sealed class AuditLogConfiguration : IEntityTypeConfiguration<AuditLog>
{
    public void Configure(EntityTypeBuilder<AuditLog> builder)
    {
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Action).HasMaxLength(Limits.AuditActionMaxLength);
        builder.Property(a => a.EntityType).HasMaxLength(Limits.AuditEntityTypeMaxLength);
        builder.Property(a => a.Details).HasMaxLength(Limits.AuditDetailsMaxLength);
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => new { a.EntityId, a.At });
        builder.HasIndex(a => new { a.UserId, a.At });
    }
}
