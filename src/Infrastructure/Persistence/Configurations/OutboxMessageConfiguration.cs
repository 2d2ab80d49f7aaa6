using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanVisitors.Infrastructure.Persistence.Configurations;

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
