using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CleanVisitors.Infrastructure.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a database or the API host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CleanVisitorsDbContext>
{
    public CleanVisitorsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CleanVisitorsDbContext>()
            .UseNpgsql("Host=localhost;Database=cleanvisitors_design", npgsql => npgsql.MigrationsHistoryTable(CleanVisitorsDbContext.MigrationsHistoryTable))
            .UseSnakeCaseNamingConvention()
            .Options);
}
