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
        builder.Property(u => u.SecurityStamp).HasDefaultValueSql("gen_random_uuid()");
        // Unique lower(email) and trigram search indexes are expression indexes: created in the migration's SQL.
        builder.HasIndex(u => new { u.Role, u.IsActive });
    }
}

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> builder)
    {
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.TokenHash).HasMaxLength(64).IsFixedLength();
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.FamilyId);
        builder.HasIndex(t => t.UserId);
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
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
        builder.Property(v => v.Version).IsRowVersion();
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

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Domain.Notifications.Notification>
{
    public void Configure(EntityTypeBuilder<Domain.Notifications.Notification> builder)
    {
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(n => n.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.Recipient).HasMaxLength(Limits.RecipientMaxLength);
        builder.Property(n => n.LastError).HasMaxLength(Domain.Notifications.Notification.ErrorMaxLength);
        builder.Property(n => n.Version).IsRowVersion();
        // One notification per event, kind and recipient: a redelivered event finds it and sends nothing new.
        builder.HasIndex(n => new { n.EventId, n.Kind, n.RecipientId }).IsUnique();
        builder.HasIndex(n => new { n.VisitId, n.CreatedAt });
        // Erasure finds a person's notification records by recipient.
        builder.HasIndex(n => n.RecipientId);
    }
}

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

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<Messaging.Outbox.OutboxMessage>
{
    public void Configure(EntityTypeBuilder<Messaging.Outbox.OutboxMessage> builder)
    {
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Type).HasMaxLength(Messaging.Outbox.OutboxMessage.TypeMaxLength);
        builder.Property(m => m.Payload).HasColumnType("jsonb");
        builder.Property(m => m.LastError).HasMaxLength(500);
        builder.Property(m => m.TraceParent).HasMaxLength(Messaging.Outbox.OutboxMessage.TraceParentMaxLength);
        builder.Property(m => m.TraceState).HasMaxLength(Messaging.Outbox.OutboxMessage.TraceStateMaxLength);
        // The dispatcher's query: pending rows in order. Partial, so it stays small however many rows were sent.
        builder.HasIndex(m => m.OccurredAt).HasDatabaseName("ix_outbox_messages_pending").HasFilter("dispatched_at IS NULL");
        builder.HasIndex(m => m.DispatchedAt).HasFilter("dispatched_at IS NOT NULL");
    }
}
