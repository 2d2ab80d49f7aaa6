using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visitors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanVisitors.Infrastructure.Persistence.Configurations;

internal sealed class VisitorConfiguration : IEntityTypeConfiguration<Visitor>
{
    public void Configure(EntityTypeBuilder<Visitor> builder)
    {
        builder.Ignore(v => v.DomainEvents);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.FullName).HasMaxLength(Limits.NameMaxLength);
        builder.Property(v => v.PhoneNumber).HasMaxLength(Limits.PhoneMaxLength);
        builder.Property(v => v.Email).HasMaxLength(Limits.EmailMaxLength);
        builder.Property(v => v.Company).HasMaxLength(Limits.CompanyMaxLength);
        builder.Property(v => v.BlockReason).HasMaxLength(Limits.ReasonMaxLength);
        builder.Property(v => v.PhotoKey).HasMaxLength(128);
        builder.Property(v => v.Version).IsRowVersion();
        builder.HasIndex(v => v.PhoneNumber).IsUnique();
        builder.HasIndex(v => v.CreatedAt);
        builder.HasIndex(v => v.LastVisitAt);
    }
}
