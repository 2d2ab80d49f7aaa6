using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Sites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanVisitors.Infrastructure.Persistence.Configurations;

internal sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> builder)
    {
        builder.Ignore(s => s.DomainEvents);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Name).HasMaxLength(Limits.NameMaxLength);
        builder.Property(s => s.TimeZone).HasMaxLength(Limits.TimeZoneMaxLength);
        builder.HasIndex(s => s.Name).IsUnique();
        builder.HasIndex(s => s.IsDefault).IsUnique().HasFilter("is_default");
    }
}
