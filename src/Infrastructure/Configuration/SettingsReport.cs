namespace CleanVisitors.Infrastructure.Configuration;

/// <summary>The verdict on the settings: errors stop the start, warnings are logged and the start goes on.</summary>
public sealed record SettingsReport(IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings)
{
    public bool IsValid => Errors.Count == 0;
}
