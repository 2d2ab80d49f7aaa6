using System.Net;
using CleanVisitors.Domain.Users;
using CleanVisitors.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CleanVisitors.IntegrationTests.Hardening;

/// <summary>The API behind a <see cref="TcpProxy"/> that can make new database connections slow, with a warm pool of 8.</summary>
public sealed class SlowDatabaseFactory : DatabaseProxyFactory
{
    public const int WarmConnections = 8;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("DB_POOL_MIN_SIZE", WarmConnections.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>Issue 7: a connection that is slow to open is not a database that is gone; the pool is warm before the port opens.</summary>
[Trait("Category", "Fault")]
public sealed class DatabasePoolTests(SlowDatabaseFactory factory) : IClassFixture<SlowDatabaseFactory>
{
    [Fact]
    public async Task Start_OpensThePoolsMinimumOfConnectionsBeforeServing()
    {
        _ = factory.Server;

        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'cleanvisitors-api'", connection);
        var open = (long)(await command.ExecuteScalarAsync())!;

        Assert.True(open >= SlowDatabaseFactory.WarmConnections, $"Only {open} connections of the service are open.");
    }

    [Fact]
    public async Task Request_WhenNewConnectionsTakeLongerThanASecondToOpen_IsServedNot503()
    {
        var client = await factory.ClientWithTokenAsync(UserRole.Admin);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/visits")).StatusCode);

        // Every pooled connection is gone and each new one takes 1.5 s to reach the server, as on a machine whose CPU is
        // taken while the pool grows. The old 1 s connect timeout answered 503 here.
        factory.Proxy.ConnectDelay = TimeSpan.FromMilliseconds(1500);
        factory.Services.GetRequiredService<NpgsqlDataSource>().Clear();
        try
        {
            var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.GetAsync("/api/visits")));

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        }
        finally
        {
            factory.Proxy.ConnectDelay = TimeSpan.Zero;
        }
    }
}
