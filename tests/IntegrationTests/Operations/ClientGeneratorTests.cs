using System.Diagnostics;
using System.Text;
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
[Collection(ProcessCollection.Name)]
public sealed partial class ClientGeneratorTests(ProcessDatabase database) : IClassFixture<ProcessDatabase>
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(5);

    private static string Clients => Repository.PathOf("clients");

    [Fact]
    public async Task Spectral_WithTheOwaspApiSecurityRuleset_ReportsNoError()
    {
        var run = await RunAsync("npx", ["--no-install", "spectral", "lint", "--fail-severity", "error", "--ruleset", ".spectral.yaml", "../openapi/v1.json"], Clients);

        Assert.True(run.ExitCode == 0, $"Spectral found errors:\n{run.Output}");
    }

    [Fact]
    public async Task Redocly_WithTheRecommendedRules_ReportsNoError()
    {
        var run = await RunAsync("npx", ["--no-install", "redocly", "lint", "--config", "redocly.yaml", "../openapi/v1.json"], Clients);

        Assert.True(run.ExitCode == 0, $"Redocly found errors:\n{run.Output}");
    }

    [Fact]
    public async Task TypeScriptClient_CompilesStrictWithoutCastsOrAny_AndDrivesTheFrontDeskFlow()
    {
        await ExpectSuccessAsync(await RunAsync("npx", ["--no-install", "openapi-typescript", "../openapi/v1.json", "--output", "typescript/src/schema.d.ts"], Clients), "openapi-typescript");
        var source = Uncommented(await File.ReadAllTextAsync(Path.Combine(Clients, "typescript", "src", "frontDesk.ts")));
        Assert.DoesNotMatch(Cast(), source);
        Assert.DoesNotMatch(Any(), source);
        Assert.DoesNotContain("@ts-", source, StringComparison.Ordinal);
        await ExpectSuccessAsync(await RunAsync("npx", ["--no-install", "tsc", "-p", "typescript/tsconfig.json"], Clients), "tsc --strict");

        await using var api = await StartApiAsync();
        var flow = await RunAsync("node", ["typescript/dist/frontDesk.js"], Clients, FlowSettings(api));

        Assert.True(flow.ExitCode == 0 && flow.Output.Contains("every step held", StringComparison.Ordinal), $"The TypeScript flow failed:\n{flow.Output}");
    }

    [Fact]
    public async Task CSharpClient_GeneratedByKiota_CompilesUntouched_AndDrivesTheFrontDeskFlow()
    {
        var project = Path.Combine(Clients, "csharp");
        await ExpectSuccessAsync(await RunAsync("dotnet",
            ["kiota", "generate", "-l", "CSharp", "-d", "../../openapi/v1.json", "-c", "CleanVisitorsClient", "-n", "CleanVisitors.Client", "-o", "Generated", "--exclude-backward-compatible", "--clean-output"],
            project), "kiota generate");
        await ExpectSuccessAsync(await RunAsync("dotnet", ["build", "-c", "Release", "--nologo", "-v", "quiet"], project), "dotnet build of the Kiota client");

        await using var api = await StartApiAsync();
        var flow = await RunAsync("dotnet", [Path.Combine("bin", "Release", "net10.0", "FrontDeskFlow.dll")], project, FlowSettings(api));

        Assert.True(flow.ExitCode == 0 && flow.Output.Contains("every step held", StringComparison.Ordinal), $"The C# flow failed:\n{flow.Output}");
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

    private static Task ExpectSuccessAsync((int ExitCode, string Output) run, string what)
    {
        Assert.True(run.ExitCode == 0, $"{what} failed:\n{run.Output}");
        return Task.CompletedTask;
    }

    /// <summary>The source without its comments, where words like "as" are prose.</summary>
    private static string Uncommented(string source) => LineComment().Replace(BlockComment().Replace(source, string.Empty), string.Empty);

    /// <summary>Runs a tool to its end (or kills it at <see cref="ToolTimeout"/>), stdout and stderr together.</summary>
    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, string[] arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"'{fileName}' could not be started ({ex.Message}); ./test.sh installs the client tools (Node.js with npm, and dotnet tool restore).", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(ToolTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in {ToolTimeout}:\n{output}");
        }

        process.WaitForExit(); // drains the output events
        return (process.ExitCode, output.ToString());
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    [GeneratedRegex(@"\bas\s+(?!const\b)[A-Za-z_{\[(]")]
    private static partial Regex Cast();

    [GeneratedRegex(@"\bany\b")]
    private static partial Regex Any();

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex BlockComment();
}
