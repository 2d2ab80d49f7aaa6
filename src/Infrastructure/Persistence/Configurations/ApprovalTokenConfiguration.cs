using CleanVisitors.Domain.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanVisitors.Infrastructure.Persistence.Configurations;

internal sealed class ApprovalTokenConfiguration : IEntityTypeConfiguration<ApprovalToken>
{
    public void Configure(EntityTypeBuilder<ApprovalToken> builder)
    {
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.TokenHash).HasMaxLength(64).IsFixedLength();
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.VisitId);
        builder.HasOne<Visit>().WithMany().HasForeignKey(t => t.VisitId).OnDelete(DeleteBehavior.Cascade);
    }
}
