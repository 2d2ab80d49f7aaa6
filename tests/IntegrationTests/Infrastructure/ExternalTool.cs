using System.Diagnostics;
using System.Text;

namespace CleanVisitors.IntegrationTests.Infrastructure;

/// <summary>What a command-line tool answered: its exit code and what it wrote.</summary>
public sealed record ToolRun(int ExitCode, string Output, string Error)
{
    /// <summary>Both streams, for a failure message.</summary>
    public string All => Output + Error;
}

/// <summary>
/// Runs a command-line tool the test command installs (npx, node, kubectl, dotnet tools) to its end, with optional
/// input and environment; killed with its children when it overruns.
/// </summary>
public static class ExternalTool
{
    /// <summary>Where Debian puts programs (sbin ones, like haproxy, are not on a non-root PATH).</summary>
    private static readonly string[] ProgramFolders = ["/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin"];

    /// <summary>A program's path: the usual Debian folders, then PATH; null when it is not installed.</summary>
    public static string? Find(string program) =>
        ProgramFolders
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);

    /// <summary>A program test.sh installs from Debian's <paramref name="package"/>; a failure saying how to get it when missing.</summary>
    public static string Require(string program, string package) =>
        Find(program)
        ?? throw new InvalidOperationException($"{program} is not installed: run ./test.sh (it installs Debian's {package} package through apt), or apt-get install {package}.");

    public static async Task<ToolRun> RunAsync(
        string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout,
        string? stdin = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
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

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"'{fileName}' could not be started ({ex.Message}); ./test.sh installs the tools (Node.js with npm, kubectl, dotnet tool restore).", ex);
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in {timeout}:\n{new StringBuilder().Append(await output).Append(await error)}");
        }

        return new ToolRun(process.ExitCode, await output, await error);
    }
}
