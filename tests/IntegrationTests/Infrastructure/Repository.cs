namespace CleanVisitors.IntegrationTests.Infrastructure;

/// <summary>The checkout the tests run from: the folder holding <c>CleanVisitors.sln</c>.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CleanVisitors.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No CleanVisitors.sln above {AppContext.BaseDirectory}.");
    }
}
