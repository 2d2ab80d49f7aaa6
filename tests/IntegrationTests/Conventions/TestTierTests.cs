using System.Text.RegularExpressions;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Conventions;

/// <summary>
/// The slow tier (ADR 015) holds exactly the test classes that start the API as a real process or stop the broker: a new
/// one without the trait would slow down <c>./test.sh --fast</c> unnoticed, and an in-process class with it would drop
/// out of the inner loop for no reason. Read from the source: what makes a class slow is what it runs, which reflection
/// cannot see.
/// </summary>
public sealed partial class TestTierTests
{
    [Fact]
    public void EveryTestClassThatStartsARealProcessOrStopsTheBroker_IsInTheSlowTier_AndNoOtherIs()
    {
        var root = Repository.PathOf("tests", "IntegrationTests");
        var checkedClasses = 0;
        var wrong = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file);
            // This file names what it looks for; it runs in-process.
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal) || Path.GetFileName(file) == "TestTierTests.cs")
            {
                continue;
            }

            var source = File.ReadAllText(file);
            var slow = RealProcessOrBrokerStop().IsMatch(source);
            foreach (Match declaration in TestClass().Matches(source))
            {
                checkedClasses++;
                var inTier = declaration.Groups["attributes"].Value.Contains("[Trait(TestTier.Name, TestTier.Slow)]", StringComparison.Ordinal);
                if (inTier != slow)
                {
                    wrong.Add($"{declaration.Groups["name"].Value} ({relative}): {(slow ? "starts a real process or stops the broker but is not" : "runs in-process but is")} in the slow tier");
                }
            }
        }

        Assert.True(checkedClasses > 100, $"Only {checkedClasses} test classes found under {root}: the pattern no longer matches their declarations.");
        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    /// <summary>What a slow class uses: a real API process, the real-process database or cluster fixtures, a broker stop.</summary>
    [GeneratedRegex(@"\b(ApiProcess|ProcessDatabase|ScaleOutCluster|LimitedCluster|BusyCluster|StopAppAsync)\b")]
    private static partial Regex RealProcessOrBrokerStop();

    /// <summary>A test class's declaration with the attributes above it.</summary>
    [GeneratedRegex(@"(?<attributes>(?:^\[[^\n]*\]\r?\n)*)^public (?:sealed |abstract )?(?:partial )?class (?<name>\w+Tests)\b", RegexOptions.Multiline)]
    private static partial Regex TestClass();
}
