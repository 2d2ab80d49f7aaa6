using Microsoft.Extensions.Configuration;

namespace CleanVisitors.Infrastructure.Configuration;

/// <summary>One options class the service binds: how to check it before anything starts.</summary>
public sealed record SettingsEntry(Type Type, Func<IServiceProvider, IConfiguration, (IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings)> Check);
