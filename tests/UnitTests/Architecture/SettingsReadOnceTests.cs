using System.Text.RegularExpressions;

namespace CleanVisitors.UnitTests.Architecture;

/// <summary>
/// Settings are read once, in one shape (issue 13 §1): the options classes are bound from the environment in the
/// <c>Configuration</c> folders; every other class takes its options class, never <c>IConfiguration</c>.
/// </summary>
public sealed partial class SettingsReadOnceTests
{
    /// <summary>Outside the Configuration folders, the only places that hold the configuration: they hand it to the binding.</summary>
    private static readonly string[] Handover =
    [
        "src/Api/Program.cs",
        "src/Api/DependencyInjection.cs",
        "src/Infrastructure/DependencyInjection.cs",
        // The build's document run replaces the configuration with fixed placeholders before anything reads it.
        "src/Api/OpenApi/DocumentGeneration.cs",
    ];

    [Fact]
    public void NoClassOutsideTheBinding_ReadsTheConfiguration()
    {
        var offending = SourceTree.SourceFiles()
            .Where(file => !file.Path.Contains("/Configuration/", StringComparison.Ordinal) && !Handover.Contains(file.Path))
            .Where(file => ConfigurationUse().IsMatch(file.Text))
            .Select(file => file.Path)
            .ToList();

        Assert.Empty(offending);
    }

    [Fact]
    public void TheHandoverFiles_OnlyBindOptionsClasses()
    {
        // Where the configuration is passed along, it is read only through Settings.Read<T>: no key is looked up there.
        var lookups = SourceTree.SourceFiles()
            .Where(file => Handover.Contains(file.Path))
            .SelectMany(file => KeyLookup().Matches(file.Text).Select(m => $"{file.Path}: {m.Value}"))
            .ToList();

        Assert.Empty(lookups);
    }

    [Fact]
    public void TheRule_FindsAConfigurationRead()
    {
        Assert.Matches(ConfigurationUse(), "public sealed class X(IConfiguration configuration)");
        Assert.Matches(ConfigurationUse(), "if (app.Configuration.Flag(\"X\", false))");
        Assert.Matches(KeyLookup(), "var url = configuration[\"DATABASE_URL\"];");
        Assert.Matches(KeyLookup(), "settings.GetValue<int>(\"PORT\")");
    }

    [GeneratedRegex(@"\bIConfiguration(Root|Manager|Section)?\b|\b(app|builder)\.Configuration\b|\bEnvironment\.GetEnvironmentVariable\(""(?!ASPNETCORE_ENVIRONMENT|NODE_ENV)")]
    private static partial Regex ConfigurationUse();

    [GeneratedRegex(@"\w+\[""[A-Z_]+""\]|GetValue<|GetSection\(")]
    private static partial Regex KeyLookup();
}
