using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Notifications;
using CleanVisitors.Domain.AuditLogs;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Jobs;
using CleanVisitors.Domain.Notifications;
using CleanVisitors.Domain.Sites;
using CleanVisitors.Domain.Users;
using CleanVisitors.Domain.Visitors;
using CleanVisitors.Domain.Visits;
using CleanVisitors.Infrastructure.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CleanVisitors.Infrastructure.Persistence;

public sealed class CleanVisitorsDbContext(DbContextOptions<CleanVisitorsDbContext> options) : DbContext(options), IApplicationDbContext
{
    /// <summary>EF Core's migrations history table (snake case, as every other table).</summary>
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    public DbSet<User> Users => Set<User>();

    public DbSet<Site> Sites => Set<Site>();

    public DbSet<Visitor> Visitors => Set<Visitor>();

    public DbSet<Visit> Visits => Set<Visit>();

    public DbSet<AuditLog> AuditLogs => Set<AuditLog>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<ApprovalToken> ApprovalTokens => Set<ApprovalToken>();

    public DbSet<CronRun> CronRuns => Set<CronRun>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    /// <summary>
    /// Writes an audit entry for every domain event raised by the tracked aggregates, and an outbox row for every
    /// event that leaves the process, in the same transaction as the change itself, then saves. A unique index
    /// violation becomes <see cref="UniqueConstraintViolationException"/>.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var entities = ChangeTracker.Entries<Entity>().Select(e => e.Entity).Where(e => e.DomainEvents.Count > 0).ToList();
        foreach (var entity in entities)
        {
            foreach (var domainEvent in entity.DomainEvents)
            {
                AuditLogs.Add(AuditLog.From(domainEvent));
                if (IntegrationEvents.From(domainEvent) is { } message)
                {
                    OutboxMessages.Add(OutboxMessageTypes.Create(domainEvent.EventId, message, domainEvent.OccurredAt));
                }
            }
        }

        try
        {
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            foreach (var entity in entities)
            {
                entity.ClearDomainEvents();
            }

            return written;
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException && ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg)
        {
            throw new UniqueConstraintViolationException(pg.ConstraintName, ex);
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync: this service does no synchronous database I/O.");

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CleanVisitorsDbContext).Assembly);
    }
}
