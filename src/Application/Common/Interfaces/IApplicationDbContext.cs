using CleanVisitors.Domain.AuditLogs;
using CleanVisitors.Domain.Jobs;
using CleanVisitors.Domain.Notifications;
using CleanVisitors.Domain.Sites;
using CleanVisitors.Domain.Users;
using CleanVisitors.Domain.Visitors;
using CleanVisitors.Domain.Visits;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Common.Interfaces;

/// <summary>
/// The persistence port: EF Core sets over the aggregates. Saving writes each raised domain event as an audit
/// entry in the same transaction. A unique index violation surfaces as <see cref="UniqueConstraintViolationException"/>.
/// </summary>
public interface IApplicationDbContext
{
    DbSet<User> Users { get; }

    DbSet<Site> Sites { get; }

    DbSet<Visitor> Visitors { get; }

    DbSet<Visit> Visits { get; }

    DbSet<AuditLog> AuditLogs { get; }

    DbSet<Notification> Notifications { get; }

    DbSet<ApprovalToken> ApprovalTokens { get; }

    DbSet<CronRun> CronRuns { get; }

    DbSet<RefreshToken> RefreshTokens { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);
}
