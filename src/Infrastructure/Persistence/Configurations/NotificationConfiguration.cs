using CleanVisitors.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanVisitors.Infrastructure.Persistence.Configurations;

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
