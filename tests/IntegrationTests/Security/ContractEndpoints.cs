namespace CleanVisitors.IntegrationTests.Security;

/// <summary>
/// One endpoint of API.md (Auth, Users, Sites, Visitors without photos, Visits and the audit log) with the roles it
/// admits. <see cref="Path"/> is the template as API.md writes it; <see cref="HasJsonBody"/> says the endpoint reads JSON.
/// </summary>
public sealed record ContractEndpoint(string Method, string Path, IReadOnlyList<string> Roles, bool HasJsonBody = false)
{
    public bool IsAnonymous => Roles.Count == 0;

    /// <summary>The path with every placeholder filled with a well-formed value that names nothing.</summary>
    public string Concrete() => Path
        .Replace("{id}", Guid.CreateVersion7().ToString(), StringComparison.Ordinal)
        .Replace("{badgeCode}", "ABCDEFGH", StringComparison.Ordinal);

    public override string ToString() => $"{Method} {Path}";
}

public static class ContractEndpoints
{
    public const string Admin = "Admin";
    public const string Receptionist = "Receptionist";
    public const string Host = "Host";

    public static readonly IReadOnlyList<string> AllRoles = [Admin, Receptionist, Host];

    private static readonly string[] AdminOnly = [Admin];
    private static readonly string[] FrontDesk = [Admin, Receptionist];
    private static readonly string[] AdminOrHost = [Admin, Host];
    private static readonly string[] Anyone = [Admin, Receptionist, Host];

    public static readonly IReadOnlyList<ContractEndpoint> All =
    [
        new("POST", "/api/auth/login", [], HasJsonBody: true),
        new("GET", "/api/auth/me", Anyone),

        new("POST", "/api/users", AdminOnly, HasJsonBody: true),
        new("GET", "/api/users", AdminOnly),
        new("GET", "/api/users/{id}", AdminOnly),
        new("PATCH", "/api/users/{id}", AdminOnly, HasJsonBody: true),
        new("GET", "/api/hosts", FrontDesk),

        new("POST", "/api/sites", AdminOnly, HasJsonBody: true),
        new("GET", "/api/sites", Anyone),

        new("POST", "/api/visitors", FrontDesk, HasJsonBody: true),
        new("GET", "/api/visitors", FrontDesk),
        new("GET", "/api/visitors/{id}", FrontDesk),
        new("PUT", "/api/visitors/{id}", FrontDesk, HasJsonBody: true),
        new("DELETE", "/api/visitors/{id}", AdminOnly),
        new("POST", "/api/visitors/{id}/block", AdminOnly, HasJsonBody: true),
        new("POST", "/api/visitors/{id}/unblock", AdminOnly),

        new("POST", "/api/visits", Anyone, HasJsonBody: true),
        new("GET", "/api/visits", Anyone),
        new("GET", "/api/visits/{id}", Anyone),
        new("GET", "/api/visits/on-site", FrontDesk),
        new("GET", "/api/visits/by-badge/{badgeCode}", FrontDesk),
        new("POST", "/api/visits/{id}/approve", AdminOrHost),
        new("POST", "/api/visits/{id}/reject", AdminOrHost, HasJsonBody: true),
        new("POST", "/api/visits/{id}/check-in", FrontDesk),
        new("POST", "/api/visits/{id}/check-out", Anyone),
        new("POST", "/api/visits/{id}/cancel", Anyone),
        new("GET", "/api/visits/export", AdminOnly),
        new("GET", "/api/audit-logs", AdminOnly),
    ];

    /// <summary>(method, path) of every endpoint matching <paramref name="filter"/>, for a <c>[MemberData]</c> theory.</summary>
    public static TheoryData<string, string> Data(Func<ContractEndpoint, bool>? filter = null)
    {
        var data = new TheoryData<string, string>();
        foreach (var endpoint in All.Where(filter ?? (_ => true)))
        {
            data.Add(endpoint.Method, endpoint.Path);
        }

        return data;
    }

    public static ContractEndpoint Find(string method, string path) =>
        All.Single(e => e.Method == method && e.Path == path);
}
