using System.Net;
using CleanVisitors.IntegrationTests.Hardening;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Security.Suite;

/// <summary>
/// The security test suite (issue 8): its own cases, one class per risk of the OWASP API Security Top 10 (2023) plus the
/// ASVS 5.0 requirements they do not cover, each case named after what it proves. It runs with every other test in
/// <c>./test.sh</c> (and so in <c>.ci/run</c>), and alone with <c>./test.sh --filter Category=Security</c>. The API runs in
/// Production, as an attacker meets it. docs/security-tests.md maps each risk to its cases and to the other tests that
/// cover it too.
/// </summary>
public sealed class SecuritySuiteFactory : HardeningFactory
{
    public const string CronSecret = "security-suite-cron-secret-0123456789abcdef";

    public SecuritySuiteFactory()
    {
        EnvironmentName = "Production";
        Settings["CRON_SECRET"] = CronSecret;
    }
}

[CollectionDefinition(Name)]
public sealed class SecuritySuiteCollection : ICollectionFixture<SecuritySuiteFactory>
{
    public const string Name = "security-suite";
}

/// <summary>Base of the suite's classes: the Production API, reset before each case, with the test data helpers.</summary>
[Collection(SecuritySuiteCollection.Name)]
[Trait("Category", "Security")]
public abstract class SecurityTest(SecuritySuiteFactory factory) : ApiTest(factory)
{
    protected new SecuritySuiteFactory Factory { get; } = factory;

    protected static async Task<HttpStatusCode> StatusOf(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        return response.StatusCode;
    }
}
