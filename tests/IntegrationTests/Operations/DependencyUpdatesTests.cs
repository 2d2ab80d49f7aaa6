using CleanVisitors.IntegrationTests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace CleanVisitors.IntegrationTests.Operations;

/// <summary>
/// .github/dependabot.yml covers every place the project declares dependencies, so none is left to age unnoticed:
/// the central NuGet versions, the client tools' npm packages, the Dockerfile's base images and the compose images.
/// </summary>
public sealed class DependencyUpdatesTests
{
    [Fact]
    public void Dependabot_WatchesEveryManifestOfTheRepository()
    {
        using var reader = new StreamReader(Repository.PathOf(".github", "dependabot.yml"));
        var yaml = new YamlStream();
        yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        Assert.Equal("2", root["version"].ToString());
        var watched = ((YamlSequenceNode)root["updates"])
            .Cast<YamlMappingNode>()
            .Select(u => (Ecosystem: u["package-ecosystem"].ToString(), Directory: u["directory"].ToString().TrimEnd('/')))
            .ToHashSet();

        // Each manifest the repository has, and the ecosystem and folder that must watch it.
        (string File, string Ecosystem, string Directory)[] manifests =
        [
            ("Directory.Packages.props", "nuget", string.Empty),
            ("clients/package.json", "npm", "/clients"),
            ("Dockerfile", "docker", string.Empty),
            ("docker-compose.yml", "docker-compose", string.Empty),
        ];
        Assert.All(manifests, manifest =>
        {
            Assert.True(File.Exists(Repository.PathOf(manifest.File.Split('/'))), $"{manifest.File} is gone: update this test and dependabot.yml");
            Assert.Contains((manifest.Ecosystem, manifest.Directory), watched);
        });
        // No other package.json or Dockerfile hides in the repository (node_modules and build output aside).
        var others = Directory.EnumerateFiles(Repository.Root, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Repository.Root, path).Replace('\\', '/'))
            .Where(path => !path.Contains("node_modules/", StringComparison.Ordinal) && !path.Contains("/bin/", StringComparison.Ordinal)
                && !path.Contains("/obj/", StringComparison.Ordinal) && !path.StartsWith('.'))
            .Where(path => Path.GetFileName(path) is "package.json" or "Dockerfile")
            .Except(manifests.Select(m => m.File));
        Assert.Empty(others);
    }
}
