using CleanVisitors.Api;
using CleanVisitors.Api.Infrastructure;
using CleanVisitors.Application;
using CleanVisitors.Infrastructure;
using CleanVisitors.Infrastructure.Persistence;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, EnvironmentName = StartupMode.EnvironmentName() });
builder.WebHost.UseUrls($"http://0.0.0.0:{builder.Configuration["PORT"] ?? "8000"}");

builder.Services
    .AddApplication()
    .AddInfrastructure(builder.Configuration)
    .AddApi(builder.Configuration);

var app = builder.Build();

if (StartupMode.MigrateOnly(args))
{
    await DatabaseInitializer.InitializeAsync(app.Services, seed: true, CancellationToken.None);
    return;
}

if (StartupMode.RunMigrationsAtStartup(app.Configuration))
{
    await DatabaseInitializer.InitializeAsync(app.Services, seed: true, app.Lifetime.ApplicationStopping);
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(CleanVisitors.Infrastructure.DependencyInjection.ReadyTag) });
app.MapOpenApi();
if (app.Environment.IsDevelopment())
{
    app.MapScalarApiReference();
}

app.MapControllers();

await app.RunAsync();

/// <summary>The entry point, visible to <c>WebApplicationFactory</c> in the integration tests.</summary>
public partial class Program;
