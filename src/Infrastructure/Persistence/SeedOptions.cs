using Microsoft.Extensions.Configuration;

namespace CleanVisitors.Infrastructure.Persistence;

/// <summary>First-start data: the Admin and the default site.</summary>
public sealed class SeedOptions
{
    /// <summary><c>ADMIN_EMAIL</c>: with <c>ADMIN_PASSWORD</c>, the Admin created when there is none.</summary>
    [ConfigurationKeyName("ADMIN_EMAIL")]
    public string? AdminEmail { get; set; }

    /// <summary><c>ADMIN_PASSWORD</c>: at least the password minimum; without both, no Admin is created (a Warning says so).</summary>
    [ConfigurationKeyName("ADMIN_PASSWORD")]
    public string? AdminPassword { get; set; }

    /// <summary><c>DEFAULT_SITE_TIME_ZONE</c>: the IANA time zone of the site created at first start.</summary>
    [ConfigurationKeyName("DEFAULT_SITE_TIME_ZONE")]
    public string DefaultSiteTimeZone { get; set; } = "UTC";
}
