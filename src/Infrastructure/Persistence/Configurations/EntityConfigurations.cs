using CleanVisitors.Domain.AuditLogs;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Sites;
using CleanVisitors.Domain.Users;
using CleanVisitors.Domain.Visitors;
using CleanVisitors.Domain.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanVisitors.Infrastructure.Persistence.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.Ignore(u => u.DomainEvents);
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.Email).HasMaxLength(Limits.EmailMaxLength);
        builder.Property(u => u.FullName).HasMaxLength(Limits.NameMaxLength);
        builder.Property(u => u.PhoneNumber).HasMaxLength(Limits.PhoneMaxLength);
        builder.Property(u => u.Role).HasConversion<string>().HasMaxLength(32);
        builder.Property(u => u.PasswordHash).HasMaxLength(512);
        // Unique lower(email) and trigram search indexes are expression indexes: created in the migration's SQL.
        builder.HasIndex(u => new { u.Role, u.IsActive });
    }
}

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
        builder.HasIndex(v => v.PhoneNumber).IsUnique();
        builder.HasIndex(v => v.CreatedAt);
        builder.HasIndex(v => v.LastVisitAt);
    }
}

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

internal sealed class AuditLogConfiguration : IEntityTypeConfiguration<AuditLog>
{
    public void Configure(EntityTypeBuilder<AuditLog> builder)
    {
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Action).HasMaxLength(64);
        builder.Property(a => a.EntityType).HasMaxLength(64);
        builder.Property(a => a.Details).HasMaxLength(1000);
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => new { a.EntityId, a.At });
        builder.HasIndex(a => new { a.UserId, a.At });
    }
}
