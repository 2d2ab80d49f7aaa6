using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Sites;
using CleanVisitors.Domain.Users;
using CleanVisitors.Domain.Visitors;
using CleanVisitors.Domain.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanVisitors.Infrastructure.Persistence.Configurations;

internal sealed class VisitConfiguration : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> builder)
    {
        builder.Ignore(v => v.DomainEvents);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(v => v.Purpose).HasMaxLength(Limits.PurposeMaxLength);
        builder.Property(v => v.Notes).HasMaxLength(Limits.NotesMaxLength);
        builder.Property(v => v.RejectionReason).HasMaxLength(Limits.ReasonMaxLength);
        builder.Property(v => v.BadgeCode).HasMaxLength(BadgeCode.Length).IsFixedLength();
        builder.Property(v => v.InviteeFullName).HasMaxLength(Limits.NameMaxLength);
        builder.Property(v => v.InviteePhoneNumber).HasMaxLength(Limits.PhoneMaxLength);
        builder.Property(v => v.InviteeCompany).HasMaxLength(Limits.CompanyMaxLength);
        builder.Property(v => v.Version).IsRowVersion();

        builder.HasOne<Site>().WithMany().HasForeignKey(v => v.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Visitor>().WithMany().HasForeignKey(v => v.VisitorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(v => v.HostId).OnDelete(DeleteBehavior.Restrict);

        builder.HasIndex(v => v.BadgeCode).IsUnique().HasDatabaseName("ix_visits_badge_code");
        // A visitor has at most one open visit: enforced by the database, so two racing requests cannot both win.
        builder.HasIndex(v => v.VisitorId).IsUnique().HasDatabaseName("ix_visits_visitor_id_open")
            .HasFilter("status IN ('PendingApproval', 'Approved', 'CheckedIn')");
        // The list filters: newest first, optionally by status, host, visitor, site.
        builder.HasIndex(v => v.CreatedAt);
        builder.HasIndex(v => new { v.Status, v.CreatedAt });
        builder.HasIndex(v => new { v.HostId, v.CreatedAt });
        builder.HasIndex(v => new { v.VisitorId, v.CreatedAt });
        builder.HasIndex(v => new { v.SiteId, v.Status });
    }
}
