using System.Text.RegularExpressions;

namespace CleanVisitors.UnitTests.Architecture;

/// <summary>
/// A type is found where its name says (issue 13 §4): each source file declares one top-level type, named as the file.
/// A use case's file (<c>CreateVisitorCommand.cs</c>) also holds its handler, validator and result, named after it.
/// </summary>
public sealed partial class OneTypePerFileTests
{
    [Fact]
    public void EveryFile_DeclaresTheTypeItIsNamedAfter_AndNoOther()
    {
        var offending = new List<string>();
        foreach (var (path, text) in SourceFiles())
        {
            var stem = Path.GetFileNameWithoutExtension(path);
            var useCase = UseCase().Match(stem) is { Success: true } m ? m.Groups[1].Value : null;
            var names = TopLevelType().Matches(text).Select(match => match.Groups[1].Value).ToList();
            offending.AddRange(names
                .Where(name => name != stem && !(useCase is not null && name.StartsWith(useCase, StringComparison.Ordinal)))
                .Select(name => $"{path}: {name}"));
        }

        Assert.Empty(offending);
    }

    [Fact]
    public void TheRule_SeesATypeHiddenInAnotherTypesFile()
    {
        Assert.Equal(["HostsController"], TopLevelType().Matches("public sealed class HostsController(ISender sender) : ApiControllerBase(sender)\n{\n    public sealed record Nested;\n}").Select(m => m.Groups[1].Value));
        Assert.Equal("CreateVisitor", UseCase().Match("CreateVisitorCommand").Groups[1].Value);
    }

    /// <summary>A type at the top level of a file-scoped namespace: at the start of a line; nested types are indented.</summary>
    [GeneratedRegex(@"^(?:public|internal)\s+(?:(?:static|sealed|abstract|partial|readonly|ref)\s+)*(?:class|record(?:\s+struct|\s+class)?|struct|interface|enum)\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex TopLevelType();

    [GeneratedRegex(@"^(\w+?)(Command|Query)$")]
    private static partial Regex UseCase();

    private static IEnumerable<(string Path, string Text)> SourceFiles() =>
        SourceTree.SourceFiles().Where(file => !file.Path.Contains("/Migrations/", StringComparison.Ordinal) && !file.Path.EndsWith("Program.cs", StringComparison.Ordinal));
}
