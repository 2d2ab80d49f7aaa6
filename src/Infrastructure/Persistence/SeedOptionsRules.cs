using CleanVisitors.Infrastructure.Configuration;

namespace CleanVisitors.Infrastructure.Persistence;

/// <summary>Nothing to check before start: the seeding reports an Admin it cannot create.</summary>
public sealed class SeedOptionsRules : SettingsRules<SeedOptions>;
