using System.Text.RegularExpressions;
using CleanVisitors.IntegrationTests.Infrastructure;
using CleanVisitors.IntegrationTests.RealProcess;

namespace CleanVisitors.IntegrationTests.Operations;

/// <summary>
/// The committed document (openapi/v1.json) tried as client teams try it (issue 10, point 5): two linters report no error,
/// and two generated clients, TypeScript (openapi-typescript + openapi-fetch, under <c>tsc --strict</c>) and C# (Kiota),
/// compile untouched and drive a front-desk flow against the API running as a real process. The npm tools come from
/// <c>clients/package-lock.json</c> (<c>npm ci</c>) and Kiota from the tool manifest (<c>dotnet tool restore</c>); the
/// test command installs both.
/// </summary>
[Trait(TestTier.Name, TestTier.Slow)]
public sealed partial class ClientGeneratorTests(ProcessDatabase database) : IClassFixture<ProcessDatabase>
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(5);

    private static string Clients => Repository.PathOf("clients");

    [Fact]
    public async Task Spectral_WithTheOwaspApiSecurityRuleset_ReportsNoError()
    {
        var run = await RunAsync("npx", ["--no-install", "spectral", "lint", "--fail-severity", "error", "--ruleset", ".spectral.yaml", "../openapi/v1.json"], Clients);

        Assert.True(run.ExitCode == 0, $"Spectral found errors:\n{run.All}");
    }

    [Fact]
    public async Task Redocly_WithTheRecommendedRules_ReportsNoError()
    {
        var run = await RunAsync("npx", ["--no-install", "redocly", "lint", "--config", "redocly.yaml", "../openapi/v1.json"], Clients);

        Assert.True(run.ExitCode == 0, $"Redocly found errors:\n{run.All}");
    }

    [Fact]
    public async Task TypeScriptClient_CompilesStrictWithoutCastsOrAny_AndDrivesTheFrontDeskFlow()
    {
        ExpectSuccess(await RunAsync("npx", ["--no-install", "openapi-typescript", "../openapi/v1.json", "--output", "typescript/src/schema.d.ts"], Clients), "openapi-typescript");
        var source = Uncommented(await File.ReadAllTextAsync(Path.Combine(Clients, "typescript", "src", "frontDesk.ts")));
        Assert.DoesNotMatch(Cast(), source);
        Assert.DoesNotMatch(Any(), source);
        Assert.DoesNotContain("@ts-", source, StringComparison.Ordinal);
        ExpectSuccess(await RunAsync("npx", ["--no-install", "tsc", "-p", "typescript/tsconfig.json"], Clients), "tsc --strict");

        await using var api = await StartApiAsync();
        var flow = await RunAsync("node", ["typescript/dist/frontDesk.js"], Clients, FlowSettings(api));

        Assert.True(flow.ExitCode == 0 && flow.Output.Contains("every step held", StringComparison.Ordinal), $"The TypeScript flow failed:\n{flow.All}");
    }

    [Fact]
    public async Task CSharpClient_GeneratedByKiota_CompilesUntouched_AndDrivesTheFrontDeskFlow()
    {
        var project = Path.Combine(Clients, "csharp");
        ExpectSuccess(await RunAsync("dotnet",
            ["kiota", "generate", "-l", "CSharp", "-d", "../../openapi/v1.json", "-c", "CleanVisitorsClient", "-n", "CleanVisitors.Client", "-o", "Generated", "--exclude-backward-compatible", "--clean-output"],
            project), "kiota generate");
        ExpectSuccess(await RunAsync("dotnet", ["build", "-c", "Release", "--nologo", "-v", "quiet"], project), "dotnet build of the Kiota client");

        await using var api = await StartApiAsync();
        var flow = await RunAsync("dotnet", [Path.Combine("bin", "Release", "net10.0", "FrontDeskFlow.dll")], project, FlowSettings(api));

        Assert.True(flow.ExitCode == 0 && flow.Output.Contains("every step held", StringComparison.Ordinal), $"The C# flow failed:\n{flow.All}");
    }

    private async Task<ApiProcess> StartApiAsync()
    {
        var api = ApiProcess.Start(ProcessSettings.ValidProduction(database.ConnectionString));
        await api.WaitUntilReadyAsync();
        return api;
    }

    private static Dictionary<string, string> FlowSettings(ApiProcess api) => new(StringComparer.Ordinal)
    {
        ["CLEANVISITORS_URL"] = api.BaseAddress.ToString().TrimEnd('/'),
        ["ADMIN_EMAIL"] = ProcessSettings.AdminEmail,
        ["ADMIN_PASSWORD"] = ProcessSettings.AdminPassword,
    };

    private static void ExpectSuccess(ToolRun run, string what) => Assert.True(run.ExitCode == 0, $"{what} failed:\n{run.All}");

    /// <summary>The source without its comments, where words like "as" are prose.</summary>
    private static string Uncommented(string source) => LineComment().Replace(BlockComment().Replace(source, string.Empty), string.Empty);

    private static Task<ToolRun> RunAsync(string fileName, string[] arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null) =>
        ExternalTool.RunAsync(fileName, arguments, workingDirectory, ToolTimeout, environment: environment);

    [GeneratedRegex(@"\bas\s+(?!const\b)[A-Za-z_{\[(]")]
    private static partial Regex Cast();

    [GeneratedRegex(@"\bany\b")]
    private static partial Regex Any();

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex BlockComment();
}
