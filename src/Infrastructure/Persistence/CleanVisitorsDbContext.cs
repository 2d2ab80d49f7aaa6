using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Domain.AuditLogs;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Sites;
using CleanVisitors.Domain.Users;
using CleanVisitors.Domain.Visitors;
using CleanVisitors.Domain.Visits;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CleanVisitors.Infrastructure.Persistence;

public sealed class CleanVisitorsDbContext(DbContextOptions<CleanVisitorsDbContext> options) : DbContext(options), IApplicationDbContext
{
    public DbSet<User> Users => Set<User>();

    public DbSet<Site> Sites => Set<Site>();

    public DbSet<Visitor> Visitors => Set<Visitor>();

    public DbSet<Visit> Visits => Set<Visit>();

    public DbSet<AuditLog> AuditLogs => Set<AuditLog>();

    /// <summary>
    /// Writes an audit entry for every domain event raised by the tracked aggregates, in the same transaction as
    /// the change itself, then saves. A unique index violation becomes <see cref="UniqueConstraintViolationException"/>.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var entities = ChangeTracker.Entries<Entity>().Select(e => e.Entity).Where(e => e.DomainEvents.Count > 0).ToList();
        foreach (var entity in entities)
        {
            foreach (var domainEvent in entity.DomainEvents)
            {
                AuditLogs.Add(AuditLog.From(domainEvent));
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
