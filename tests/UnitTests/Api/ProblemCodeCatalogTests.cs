using System.Text.RegularExpressions;
using CleanVisitors.Api.OpenApi;
using CleanVisitors.UnitTests.Architecture;

namespace CleanVisitors.UnitTests.Api;

/// <summary>
/// The codes the OpenAPI document lists (<see cref="ProblemCodes"/>) are the codes the source writes: a failure given a new
/// code and not listed, or a listed code no longer written anywhere, fails here.
/// </summary>
public sealed partial class ProblemCodeCatalogTests
{
    /// <summary>Codes of failures that stay inside the service (a consumer's retry decision), never an HTTP answer.</summary>
    private static readonly HashSet<string> NeverAnswered = ["notification.send_failed", "notification.in_progress"];

    [Fact]
    public void EveryCodeTheSourceWrites_IsListed()
    {
        var listed = ProblemCodes.All.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);

        var missing = WrittenCodes().Except(listed).Except(NeverAnswered).Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, "Codes written in src/ but missing from ProblemCodes: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryListedCode_IsWrittenSomewhere()
    {
        var written = WrittenCodes();
        var catalog = File.ReadAllText(Path.Combine(SourceRoot(), "Api", "OpenApi", "ProblemCodes.cs"));
        var constants = Constant().Matches(catalog).ToDictionary(m => m.Groups["value"].Value, m => m.Groups["name"].Value, StringComparer.Ordinal);

        var unused = ProblemCodes.All.Select(c => c.Code)
            .Where(code => !written.Contains(code) && !(constants.TryGetValue(code, out var name) && IsUsedOutsideTheList(catalog, name)))
            .ToList();

        Assert.True(unused.Count == 0, "Codes listed in ProblemCodes that nothing writes: " + string.Join(", ", unused));
    }

    [Fact]
    public void EveryListedCode_HasOneStatusAndAMeaning()
    {
        Assert.All(ProblemCodes.All, code =>
        {
            Assert.InRange(code.Status, 400, 599);
            Assert.False(string.IsNullOrWhiteSpace(code.Meaning));
        });
        Assert.Equal(ProblemCodes.All.Count(), ProblemCodes.All.Select(c => c.Code).Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>
    /// A code the catalog itself names (<see cref="ProblemCodes.Malformed"/> …) is written where the source refers to the
    /// constant, or by <see cref="ProblemCodes.ForStatus"/> for every problem of its status that has no code of its own.
    /// </summary>
    private static bool IsUsedOutsideTheList(string catalog, string name) =>
        catalog.Contains($"=> {name},", StringComparison.Ordinal)
        || Directory.EnumerateFiles(SourceRoot(), "*.cs", SearchOption.AllDirectories)
            .Any(f => File.ReadAllText(f).Contains($"ProblemCodes.{name}", StringComparison.Ordinal));

    private static HashSet<string> WrittenCodes()
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(SourceRoot(), "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.EndsWith("ProblemCodes.cs", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            foreach (Match match in ErrorFactory().Matches(text).Concat(CodeArgument().Matches(text)).Concat(CodeConstant().Matches(text)))
            {
                codes.Add(match.Groups["code"].Value);
            }
        }

        return codes;
    }

    private static string SourceRoot() => Path.Combine(SourceTree.Root(), "src");

    [GeneratedRegex(@"Error\.(NotFound|Conflict|Forbidden|Gone|Unauthorized)\(\s*""(?<code>[a-z_.]+)""")]
    private static partial Regex ErrorFactory();

    [GeneratedRegex(@"(code:\s*""(?<code>[a-z_]+(\.[a-z_]+)*)"")|(new\(""(?<code>[a-z_]+(\.[a-z_]+)*)"",\s*""[^""]*"",\s*ErrorType\.)")]
    private static partial Regex CodeArgument();

    [GeneratedRegex(@"const string \w*Code = ""(?<code>[a-z_.]+)""")]
    private static partial Regex CodeConstant();

    [GeneratedRegex(@"public const string (?<name>\w+) = ""(?<value>[a-z_.]+)"";")]
    private static partial Regex Constant();
}
