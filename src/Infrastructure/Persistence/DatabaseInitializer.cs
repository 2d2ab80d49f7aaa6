using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Sites;
using CleanVisitors.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Infrastructure.Persistence;

/// <summary>First-start data: the Admin from <c>ADMIN_EMAIL</c>/<c>ADMIN_PASSWORD</c> and the default site.</summary>
public sealed class SeedOptions
{
    public string? AdminEmail { get; set; }

    public string? AdminPassword { get; set; }

    public string DefaultSiteTimeZone { get; set; } = "UTC";
}

/// <summary>Applies migrations and seeds first-start data. Idempotent; safe to run on every start.</summary>
public sealed partial class DatabaseInitializer(
    CleanVisitorsDbContext db,
    IPasswordHasher hasher,
    IOptions<SeedOptions> options,
    TimeProvider time,
    ILogger<DatabaseInitializer> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            LogMigrating(logger, pending.Count);
            await db.Database.MigrateAsync(cancellationToken);
        }
    }

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!await db.Sites.AnyAsync(cancellationToken))
        {
            db.Sites.Add(Site.Create(Site.DefaultName, options.Value.DefaultSiteTimeZone, isDefault: true, null, now).Value);
        }

        if (!await db.Users.AnyAsync(u => u.Role == UserRole.Admin, cancellationToken))
        {
            var settings = options.Value;
            var email = Email.Create(settings.AdminEmail);
            if (email.IsFailure || string.IsNullOrEmpty(settings.AdminPassword) || settings.AdminPassword.Length < Limits.PasswordMinLength)
            {
                LogNoAdmin(logger, Limits.PasswordMinLength);
            }
            else
            {
                db.Users.Add(User.Create(email.Value, "Administrator", null, UserRole.Admin, hasher.Hash(settings.AdminPassword), null, now));
                var masked = Email.Mask(email.Value.Value);
                LogAdminCreated(logger, masked);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public static async Task InitializeAsync(IServiceProvider services, bool seed, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var initializer = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
        await initializer.MigrateAsync(cancellationToken);
        if (seed)
        {
            await initializer.SeedAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} pending database migrations")]
    private static partial void LogMigrating(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first Admin {Email}")]
    private static partial void LogAdminCreated(ILogger logger, string email);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Admin exists and ADMIN_EMAIL/ADMIN_PASSWORD are not set or invalid (password needs {MinLength}+ characters): nobody can sign in as Admin")]
    private static partial void LogNoAdmin(ILogger logger, int minLength);
}
