namespace CleanVisitors.UnitTests.Architecture;

/// <summary>The repository's own C# sources, for the tests that read the code as text.</summary>
internal static class SourceTree
{
    /// <summary>The folder that holds <c>CleanVisitors.sln</c>, found upwards from the test assembly.</summary>
    public static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CleanVisitors.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("No CleanVisitors.sln above the test assembly.");
    }

    /// <summary>Every <c>.cs</c> file under <c>src/</c> but build output, as its path from the root (with <c>/</c>) and its text.</summary>
    public static IEnumerable<(string Path, string Text)> SourceFiles()
    {
        var root = Root();
        return Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(path => !path.Contains("/obj/", StringComparison.Ordinal) && !path.Contains("/bin/", StringComparison.Ordinal))
            .Select(path => (path, File.ReadAllText(Path.Combine(root, path))));
    }
}
