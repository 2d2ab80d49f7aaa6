using CleanVisitors.Api;
using CleanVisitors.Api.Configuration;
using CleanVisitors.Api.OpenApi;
using CleanVisitors.Api.Operations.Health;
using CleanVisitors.Api.Operations.Logging;
using CleanVisitors.Api.Startup;
using CleanVisitors.Application;
using CleanVisitors.Infrastructure;
using CleanVisitors.Infrastructure.Configuration;
using CleanVisitors.Infrastructure.Persistence;
using Serilog;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, EnvironmentName = StartupMode.EnvironmentName() });
DocumentGeneration.UseFixedConfiguration(builder.Configuration);

// 1. Settings: the options classes bound from the environment, every problem reported at once, before anything listens.
var settings = Settings.Normalize(builder.Configuration);
var report = ServiceSettings.Check(builder.Configuration, builder.Environment.EnvironmentName);
if (StartupMode.CheckConfigOnly(args))
{
    return StartupMode.PrintVerdict(report, Console.Out);
}

Log.Logger = LoggingSetup.BootstrapLogger(settings.ReadOrDefault<LoggingOptions>().Level, builder.Environment.EnvironmentName);
if (!StartupMode.Accept(report, Log.Logger))
{
    await Log.CloseAndFlushAsync();
    return 1;
}

try
{
    // 2. Services: each layer registers its own.
    builder.WebHost.ConfigureForService(settings.Read<ServerOptions>());
    builder.Services
        .AddSingleton(new SettingsEnvironment(builder.Environment.EnvironmentName))
        .AddStructuredLogging(builder.Environment)
        .AddApplication()
        .AddInfrastructure(settings)
        .AddApi(settings);

    var app = builder.Build();
    if (DocumentGeneration.IsRunning)
    {
        return 0; // the build's document tool has the host it needs; it must not wait for a database
    }

    // 3. Database: wait for it, migrate and seed (or only migrate and exit: --migrate-only).
    var migrateOnly = StartupMode.MigrateOnly(args);
    await DatabaseInitializer.InitializeAsync(app.Services, migrateOnly, app.Lifetime.ApplicationStopping);
    if (migrateOnly)
    {
        return 0;
    }

    // 4. The request pipeline and the endpoints.
    var overran = GracefulShutdown.Watch(app);
    app.UseApiPipeline();
    app.MapHealthEndpoints();
    app.MapApiEndpoints();

    await app.RunAsync();
    return overran() ? GracefulShutdown.OverrunExitCode : 0;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "CleanVisitors stopped because of a fatal error at start-up");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>The entry point, visible to <c>WebApplicationFactory</c> in the integration tests.</summary>
public partial class Program;
