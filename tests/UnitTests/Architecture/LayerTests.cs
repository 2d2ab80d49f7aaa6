using System.Reflection;

namespace CleanVisitors.UnitTests.Architecture;

/// <summary>The dependency rule of ARCHITECTURE.md: Domain ← Application ← Infrastructure, Api on top; nothing points back.</summary>
public sealed class LayerTests
{
    private static readonly Assembly Domain = typeof(CleanVisitors.Domain.Visits.Visit).Assembly;
    private static readonly Assembly Application = typeof(CleanVisitors.Application.DependencyInjection).Assembly;
    private static readonly Assembly Infrastructure = typeof(CleanVisitors.Infrastructure.DependencyInjection).Assembly;
    private static readonly Assembly Api = typeof(CleanVisitors.Api.DependencyInjection).Assembly;

    [Fact]
    public void Domain_ReferencesNothingButTheBaseClassLibrary()
    {
        var references = Domain.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.All(references, name => Assert.True(name is "System.Runtime" or "netstandard" || name.StartsWith("System.", StringComparison.Ordinal),
            $"Domain references {name}"));
    }

    [Theory]
    [InlineData("CleanVisitors.Application")]
    [InlineData("CleanVisitors.Infrastructure")]
    [InlineData("CleanVisitors.Api")]
    public void Domain_DoesNotReferenceOuterLayers(string outer) => AssertDoesNotReference(Domain, outer);

    [Theory]
    [InlineData("CleanVisitors.Infrastructure")]
    [InlineData("CleanVisitors.Api")]
    [InlineData("Microsoft.AspNetCore")]
    [InlineData("Npgsql")]
    [InlineData("MassTransit")]
    public void Application_DoesNotReferenceInfrastructureApiWebOrProviders(string forbidden) => AssertDoesNotReference(Application, forbidden);

    [Fact]
    public void Infrastructure_DoesNotReferenceTheApi() => AssertDoesNotReference(Infrastructure, "CleanVisitors.Api");

    [Fact]
    public void Api_DependsOnApplicationAndInfrastructure()
    {
        var references = Api.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains("CleanVisitors.Application", references);
        Assert.Contains("CleanVisitors.Infrastructure", references);
    }

    [Fact]
    public void Controllers_DoNotTouchPersistenceDirectly()
    {
        var controllerTypes = Api.GetTypes().Where(t => t.Name.EndsWith("Controller", StringComparison.Ordinal));
        var offending = controllerTypes
            .SelectMany(t => t.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => (t.Name, p.ParameterType)))
            .Where(x => x.ParameterType.Namespace?.StartsWith("CleanVisitors.Infrastructure", StringComparison.Ordinal) == true
                || x.ParameterType.Name.Contains("DbContext", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(offending);
    }

    private static void AssertDoesNotReference(Assembly assembly, string prefix)
    {
        var offending = assembly.GetReferencedAssemblies().Where(a => a.Name!.StartsWith(prefix, StringComparison.Ordinal)).Select(a => a.Name).ToList();
        Assert.True(offending.Count == 0, $"{assembly.GetName().Name} must not reference {prefix}, but references {string.Join(", ", offending)}");
    }
}
