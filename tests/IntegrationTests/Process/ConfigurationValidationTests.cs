using CleanVisitors.IntegrationTests.Infrastructure;
using Npgsql;

namespace CleanVisitors.IntegrationTests.RealProcess;

/// <summary>
/// Issue 3 §9 from a real process start: every configuration problem is reported, naming its variable, before the
/// port opens, and the process exits non-zero; warnings are logged and the start goes on.
/// </summary>
[Trait(TestTier.Name, TestTier.Slow)]
public sealed class ConfigurationValidationTests(ProcessDatabase database) : IClassFixture<ProcessDatabase>
{
    public static TheoryData<string, string?, string?> SingleProblems => new()
    {
        // variable, its value (null: unset), and the environment (null: ASPNETCORE_ENVIRONMENT=Production)
        { "DATABASE_URL", null, null },
        { "DATABASE_URL", "this is not a connection string", null },
        { "JWT_SECRET", ProcessSettings.RandomSecret(31), null },
        { "JWT_SECRET", ProcessSettings.RandomSecret(31), "Development" },
        { "JWT_SECRET", ProcessSettings.PlaceholderJwtSecret, null },
        { "CORS_ORIGIN", $"{ProcessSettings.CorsOrigin},http://localhost:5173", null },
        { "CORS_ORIGIN", "*", null },
        { "CRON_SECRET", null, null },
        { "CRON_SECRET", ProcessSettings.RandomSecret(19), null },
    };

    [Theory]
    [MemberData(nameof(SingleProblems))]
    public async Task Start_WithOneConfigurationProblem_ExitsNonZeroNamingTheVariableWithoutOpeningThePort(string variable, string? value, string? environment)
    {
        var settings = Valid().With(variable, value);
        if (environment is not null)
        {
            settings["ASPNETCORE_ENVIRONMENT"] = environment;
        }

        await using var api = ApiProcess.Start(settings);
        var (exitCode, portOpened) = await ProcessRun.RunToExitAsync(api);

        Assert.NotEqual(0, exitCode);
        Assert.False(portOpened, $"The port was opened:\n{api.Output}");
        Assert.False(ProcessRun.Listened(api), api.Output);
        if (environment == "Development")
        {
            // Readable text in Development: the error line still names the variable.
            Assert.Contains(api.Lines, line => line.Contains("FTL", StringComparison.Ordinal) && line.Contains(variable, StringComparison.Ordinal));
            return;
        }

        var (errors, count) = ProcessRun.ConfigurationErrors(api);
        var error = Assert.Single(errors);
        Assert.StartsWith(variable, error, StringComparison.Ordinal);
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task Start_WithSeveralProblems_ReportsEveryOneOfThemInOneRun()
    {
        var settings = Valid()
            .With("DATABASE_URL", null)
            .With("JWT_SECRET", "short")
            .With("CORS_ORIGIN", "*")
            .With("CRON_SECRET", null);

        await using var api = ApiProcess.Start(settings);
        var (exitCode, portOpened) = await ProcessRun.RunToExitAsync(api);

        Assert.NotEqual(0, exitCode);
        Assert.False(portOpened, api.Output);
        var (errors, count) = ProcessRun.ConfigurationErrors(api);
        Assert.Equal(4, count);
        Assert.Equal(
            ["CORS_ORIGIN", "CRON_SECRET", "DATABASE_URL", "JWT_SECRET"],
            errors.Select(e => e.Split(' ')[0]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Start_WithWarningsOnly_BecomesReadyAndLogsEachWarning()
    {
        // No RABBITMQ_URL, no WhatsApp settings, an environment name the service does not know.
        var settings = Valid().With("ASPNETCORE_ENVIRONMENT", "Qa");

        await using var api = ApiProcess.Start(settings);
        await api.WaitUntilReadyAsync();

        var warnings = ProcessRun.JsonEvents(api)
            .Where(e => e.Level() == "Warning")
            .Select(e => e.Text("ConfigurationWarning"))
            .OfType<string>()
            .ToList();
        Assert.Contains(warnings, w => w.StartsWith("RABBITMQ_URL", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("WHATSAPP_API_URL", StringComparison.Ordinal) && w.Contains("WHATSAPP_API_TOKEN", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("'Qa'", StringComparison.Ordinal));
        Assert.Equal(3, warnings.Count);
    }

    [Fact]
    public async Task Start_WithNodeEnvProduction_AppliesTheProductionRules()
    {
        var settings = Valid()
            .With("ASPNETCORE_ENVIRONMENT", null)
            .With("NODE_ENV", "production")
            .With("JWT_SECRET", ProcessSettings.PlaceholderJwtSecret);

        await using var api = ApiProcess.Start(settings);
        var (exitCode, portOpened) = await ProcessRun.RunToExitAsync(api);

        Assert.NotEqual(0, exitCode);
        Assert.False(portOpened, api.Output);
        var (errors, _) = ProcessRun.ConfigurationErrors(api);
        Assert.StartsWith("JWT_SECRET is a published placeholder", Assert.Single(errors), StringComparison.Ordinal);
        Assert.All(ProcessRun.JsonEvents(api), e => Assert.Equal("Production", e.Text("Environment")));
    }

    [Fact]
    public async Task CheckConfig_WithNodeEnvDevelopment_AcceptsWhatOnlyProductionRefuses()
    {
        // The counterpart of the test above: NODE_ENV is really read (unset, the service would assume Production).
        var settings = Valid()
            .With("ASPNETCORE_ENVIRONMENT", null)
            .With("NODE_ENV", "development")
            .With("JWT_SECRET", ProcessSettings.PlaceholderJwtSecret)
            .With("CORS_ORIGIN", "http://localhost:5173")
            .With("CRON_SECRET", null);

        await using var api = ApiProcess.Start(settings, "--check-config");
        var (exitCode, portOpened) = await ProcessRun.RunToExitAsync(api);

        Assert.Equal(0, exitCode);
        Assert.False(portOpened, api.Output);
        Assert.Contains(api.Lines, line => line.StartsWith("Configuration OK", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckConfig_WithAnUnknownEnvironmentName_AppliesTheProductionRules()
    {
        // The warning says an unknown environment "is treated like Production": its secrets must be checked as strictly.
        var settings = Valid()
            .With("ASPNETCORE_ENVIRONMENT", "Qa")
            .With("JWT_SECRET", ProcessSettings.PlaceholderJwtSecret)
            .With("CORS_ORIGIN", "*")
            .With("CRON_SECRET", null);

        await using var api = ApiProcess.Start(settings, "--check-config");
        var (exitCode, portOpened) = await ProcessRun.RunToExitAsync(api);

        Assert.NotEqual(0, exitCode);
        Assert.False(portOpened, api.Output);
        Assert.Contains(api.Lines, line => line.StartsWith("ERROR   JWT_SECRET", StringComparison.Ordinal));
        Assert.Contains(api.Lines, line => line.StartsWith("ERROR   CORS_ORIGIN", StringComparison.Ordinal));
        Assert.Contains(api.Lines, line => line.StartsWith("ERROR   CRON_SECRET", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckConfig_WithAValidConfiguration_PrintsTheVerdictAndExitsZeroWithoutOpeningThePort()
    {
        // The shortest secrets Production accepts.
        var settings = Valid()
            .With("JWT_SECRET", ProcessSettings.RandomSecret(32))
            .With("CRON_SECRET", ProcessSettings.RandomSecret(20));

        await using var api = ApiProcess.Start(settings, "--check-config");
        var (exitCode, portOpened) = await ProcessRun.RunToExitAsync(api);

        Assert.Equal(0, exitCode);
        Assert.False(portOpened, api.Output);
        Assert.False(ProcessRun.Listened(api), api.Output);
        Assert.Contains("Configuration OK (2 warnings).", api.StandardOutputLines);
        Assert.Contains(api.StandardOutputLines, line => line.StartsWith("WARNING RABBITMQ_URL", StringComparison.Ordinal));
        Assert.DoesNotContain(api.Lines, line => line.StartsWith("ERROR", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckConfig_WithAnInvalidConfiguration_PrintsEveryProblemAndExitsNonZeroWithoutOpeningThePort()
    {
        var settings = Valid().With("JWT_SECRET", ProcessSettings.RandomSecret(31)).With("CRON_SECRET", null);

        await using var api = ApiProcess.Start(settings, "--check-config");
        var (exitCode, portOpened) = await ProcessRun.RunToExitAsync(api);

        Assert.NotEqual(0, exitCode);
        Assert.False(portOpened, api.Output);
        Assert.Contains(api.StandardOutputLines, line => line.StartsWith("ERROR   JWT_SECRET", StringComparison.Ordinal));
        Assert.Contains(api.StandardOutputLines, line => line.StartsWith("ERROR   CRON_SECRET", StringComparison.Ordinal));
        Assert.Contains("Configuration INVALID: 2 problems; the service would not start.", api.StandardOutputLines);
    }

    [Fact]
    public async Task MigrateOnly_AppliesTheMigrationsAndExitsZeroWithoutOpeningThePort()
    {
        await using var fresh = await TestDatabase.CreateAsync();
        Assert.Empty(await TablesAsync(fresh.ConnectionString));

        await using var api = ApiProcess.Start(Valid().With("DATABASE_URL", fresh.ConnectionString), "--migrate-only");
        var (exitCode, portOpened) = await ProcessRun.RunToExitAsync(api, TimeSpan.FromSeconds(120));

        Assert.True(exitCode == 0, $"Exit code {exitCode}:\n{api.Output}");
        Assert.False(portOpened, api.Output);
        var tables = await TablesAsync(fresh.ConnectionString);
        Assert.Contains("__ef_migrations_history", tables);
        Assert.Contains("visitors", tables);
        Assert.Contains("visits", tables);
        Assert.Contains("users", tables);
        NpgsqlConnection.ClearAllPools();
    }

    private Dictionary<string, string?> Valid() => ProcessSettings.ValidProduction(database.ConnectionString);

    private static async Task<List<string>> TablesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new List<string>();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }
}
