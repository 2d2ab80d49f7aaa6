// A front desk's day through the C# client Kiota generates from openapi/v1.json: sign in, register a walk-in, the host
// approves, check-in by badge, the on-site list, check-out, the CSV export, erasure, and errors handled by their typed
// code. Run with CLEANVISITORS_URL, ADMIN_EMAIL and ADMIN_PASSWORD set; exit code 0 when every step held.
using CleanVisitors.Client;
using CleanVisitors.Client.Models;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

var baseUrl = Required("CLEANVISITORS_URL");
var runId = $"{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}{Random.Shared.Next(1000)}";

try
{
    // 1. Sign in.
    var anonymous = Client(new AnonymousAuthenticationProvider());
    var login = await anonymous.Api.Auth.Login.PostAsync(new LoginCommand { Email = Required("ADMIN_EMAIL"), Password = Required("ADMIN_PASSWORD") });
    Check(login?.User?.Role == UserRole.Admin && login.ExpiresAt > DateTimeOffset.UtcNow, "signed in, with a role and an expiry typed from the document");
    var desk = Client(new Bearer(login!.AccessToken!));

    var wrong = await ProblemOf(() => anonymous.Api.Auth.Login.PostAsync(new LoginCommand { Email = Required("ADMIN_EMAIL"), Password = "not-the-password-at-all" }));
    Check(wrong.Code == "auth.invalid_credentials" && wrong.ResponseStatusCode == 401, "a wrong password answers 401 auth.invalid_credentials");

    var hostEmail = $"host-{runId}@example.com";
    var hostPassword = $"host-password-{runId}";
    var host = await desk.Api.Users.PostAsync(new CreateUserCommand { Email = hostEmail, FullName = "Hanna Host", Role = UserRole.Host, Password = hostPassword, PhoneNumber = PhoneNumber() });
    Check(host?.Id is not null, "the host was created");

    // 2. Register a walk-in.
    var visit = await desk.Api.Visits.PostAsync(new CreateVisitCommand
    {
        Visitor = new InlineVisitor { FullName = "Wanda Walk-In", PhoneNumber = PhoneNumber(), Company = "Acme" },
        HostId = host!.Id,
        Purpose = "Delivery",
    });
    Check(visit?.Status == VisitStatus.PendingApproval && visit.CheckedInAt is null, "the walk-in is PendingApproval, not checked in");

    var invalid = await ProblemOf(() => desk.Api.Visits.PostAsync(new CreateVisitCommand { Visitor = new InlineVisitor { FullName = "", PhoneNumber = "nope" }, HostId = host.Id, Purpose = "" }));
    var fields = invalid.Errors?.AdditionalData.Keys.ToList() ?? [];
    Check(invalid.Code == "validation_failed" && fields.Contains("purpose"), $"an invalid visit answers validation_failed naming {string.Join(", ", fields)}");

    // 3. The host approves.
    var hostLogin = await anonymous.Api.Auth.Login.PostAsync(new LoginCommand { Email = hostEmail, Password = hostPassword });
    var hostClient = Client(new Bearer(hostLogin!.AccessToken!));
    var approved = await hostClient.Api.Visits[visit!.Id!.Value].Approve.PostAsync();
    Check(approved?.Status == VisitStatus.Approved && approved.ApprovedAt is not null, "the host approved the visit");

    var forbidden = await ProblemOf(() => hostClient.Api.Visits.Export.GetAsync());
    Check(forbidden.Code == "auth.forbidden" && forbidden.ResponseStatusCode == 403, "a host's export answers 403 auth.forbidden");

    // 4. Check-in by badge.
    var found = await desk.Api.Visits.ByBadge[visit.BadgeCode!].GetAsync();
    Check(found?.Id == visit.Id, "the badge finds the visit");
    var checkedIn = await desk.Api.Visits[visit.Id.Value].CheckIn.PostAsync();
    Check(checkedIn?.Status == VisitStatus.CheckedIn && checkedIn.CheckedInAt is not null, "the visitor is checked in");

    var again = await ProblemOf(() => desk.Api.Visits[visit.Id.Value].CheckIn.PostAsync());
    Check(again.Code == "visit.invalid_transition" && again.CurrentStatus == VisitStatus.CheckedIn, "checking in twice answers 409 visit.invalid_transition, currentStatus CheckedIn");

    // 5. The on-site list.
    var onSite = await desk.Api.Visits.OnSite.GetAsync(r => r.QueryParameters.SiteId = visit.SiteId);
    Check(onSite?.Any(v => v.Id == visit.Id) == true, "the visitor is on the on-site list");

    // 6. Check-out.
    var checkedOut = await desk.Api.Visits[visit.Id.Value].CheckOut.PostAsync();
    Check(checkedOut?.Status == VisitStatus.CheckedOut && checkedOut.CheckedOutAt is not null, "the visitor is checked out");

    // 7. The export.
    await using (var export = await desk.Api.Visits.Export.GetAsync(r => r.QueryParameters.From = DateTimeOffset.UtcNow.AddHours(-1)))
    {
        using var reader = new StreamReader(export!);
        var csv = await reader.ReadToEndAsync();
        Check(csv.Contains(visit.BadgeCode!, StringComparison.Ordinal), "the CSV export holds the visit");
    }

    var page = await desk.Api.Visits.GetAsync(r =>
    {
        r.QueryParameters.PageSize = 1;
        r.QueryParameters.Status = VisitStatus.CheckedOut;
    });
    Check(page?.TotalCount >= 1 && page.Items?.Count == 1, "a page of visits with a typed count");

    // 8. Erasure.
    var visitorId = visit.Visitor!.Id!.Value;
    await desk.Api.Visitors[visitorId].DeleteAsync();
    var erased = await desk.Api.Visitors[visitorId].GetAsync();
    Check(erased?.IsErased == true && erased.FullName is null, "the erased visitor has no name");

    var missing = await ProblemOf(() => desk.Api.Visits[Guid.Parse("0190c2a0-0000-7000-8000-000000000000")].GetAsync());
    Check(missing.Code == "visit.not_found" && missing.ResponseStatusCode == 404, "an unknown visit answers 404 visit.not_found");

    Console.WriteLine("front-desk flow: every step held");
    return 0;
}
catch (Exception ex)
{
    Console.Error.WriteLine(ex is Problem problem ? $"{problem.ResponseStatusCode} {problem.Code}: {problem.Detail}" : ex.ToString());
    return 1;
}

CleanVisitorsClient Client(IAuthenticationProvider authentication) =>
    new(new HttpClientRequestAdapter(authentication) { BaseUrl = baseUrl });

static async Task<Problem> ProblemOf<T>(Func<Task<T>> call)
{
    try
    {
        await call();
    }
    catch (Problem problem)
    {
        return problem;
    }

    throw new InvalidOperationException("The call succeeded; a problem was expected.");
}

static void Check(bool condition, string what)
{
    if (!condition)
    {
        throw new InvalidOperationException($"Step failed: {what}");
    }

    Console.WriteLine($"ok - {what}");
}

static string Required(string name) =>
    Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : throw new InvalidOperationException($"{name} is not set");

static string PhoneNumber() => "+49151" + Random.Shared.Next(10_000_000, 99_999_999);

/// <summary>Signs each request with a user's access token (Kiota's own bearer provider accepts https hosts only).</summary>
internal sealed class Bearer(string token) : IAuthenticationProvider
{
    public Task AuthenticateRequestAsync(RequestInformation request, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        request.Headers.Add("Authorization", $"Bearer {token}");
        return Task.CompletedTask;
    }
}
