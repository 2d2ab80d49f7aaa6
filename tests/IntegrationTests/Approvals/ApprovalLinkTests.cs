using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Approvals;

/// <summary>
/// The host's approval link end to end over HTTP: the WhatsApp request carries it, <c>GET /approve/{token}</c> shows the
/// visit and changes nothing, <c>POST /api/public/approvals/{token}</c> (JSON or the page's form) decides once.
/// </summary>
[Collection(ApprovalCollection.Name)]
public sealed partial class ApprovalLinkTests(ApprovalApi api) : IAsyncLifetime
{
    private TestData _data = null!;
    private ApprovalScenario _scenario = null!;

    private HttpClient Anonymous => api.Factory.CreateClient();

    public async Task InitializeAsync()
    {
        await api.Factory.ResetAsync();
        _data = new TestData(api.Factory, await api.Factory.AdminClientAsync());
        _scenario = new ApprovalScenario(api.Factory, api.WhatsApp, _data);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_host_is_sent_the_full_link_on_the_public_address_with_a_long_random_token()
    {
        var first = await _scenario.RequestApprovalAsync();
        var second = await _scenario.RequestApprovalAsync();

        Assert.Equal($"{ApprovalApi.PublicBaseUrl}/approve/{first.Token}", first.Link);
        Assert.Contains(first.Link, first.Message, StringComparison.Ordinal);
        Assert.Contains(ApprovalScenario.VisitorName, first.Message, StringComparison.Ordinal);
        // 128 bits at least: 22 base64url characters carry 132.
        Assert.True(first.Token.Length >= 22, $"The token is too short to hold 128 random bits: {first.Token}");
        Assert.NotEqual(first.Token, second.Token);
        var notifications = await _scenario.WaitForNotificationsAsync(first.Visit.Id, n => n.Any(x => x.Status == "Sent"));
        var sent = Assert.Single(notifications);
        Assert.Equal(("ApprovalRequested", "Sent", 1), (sent.Kind, sent.Status, sent.Attempts));
        Assert.DoesNotContain(first.HostPhone, sent.Recipient, StringComparison.Ordinal);
        Assert.EndsWith(first.HostPhone[^3..], sent.Recipient, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_link_works_as_soon_as_the_message_reaches_the_provider_before_it_answers()
    {
        // The provider holds its answer: the host (or a messenger's link preview) may open the link meanwhile.
        api.WhatsApp.Answer(200, delay: TimeSpan.FromSeconds(3));
        try
        {
            var approval = await _scenario.RequestApprovalAsync();

            var page = await Anonymous.GetAsync($"/approve/{approval.Token}");

            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var sending = Assert.Single(await _scenario.NotificationsAsync(approval.Visit.Id));
            Assert.Equal(("ApprovalRequested", "Pending"), (sending.Kind, sending.Status));
            await ExpectOutcome(await DecideJsonAsync(approval.Token, "approve"), "Approved", approval.Visit.Id);
            await _scenario.WaitForNotificationsAsync(approval.Visit.Id, n => n.Any(x => x is { Kind: "ApprovalRequested", Status: "Sent", Attempts: 1 }));
        }
        finally
        {
            api.WhatsApp.Answer(200);
        }
    }

    [Fact]
    public async Task The_page_shows_the_visit_html_encoded_under_a_strict_policy_and_changes_nothing()
    {
        var approval = await _scenario.RequestApprovalAsync();
        var auditBefore = await _scenario.AuditAsync(approval.Visit.Id);

        var response = await Anonymous.GetAsync($"/approve/{approval.Token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var html = await response.Content.ReadAsStringAsync();

        // What the host needs to decide, as the page's text says it.
        var text = WebUtility.HtmlDecode(html);
        Assert.Contains(ApprovalScenario.VisitorName, text, StringComparison.Ordinal);
        Assert.Contains(ApprovalScenario.Company, text, StringComparison.Ordinal);
        Assert.Contains(ApprovalScenario.Purpose, text, StringComparison.Ordinal);
        Assert.Contains(approval.SiteName, text, StringComparison.Ordinal);
        var berlin = TimeZoneInfo.ConvertTime(ApprovalScenario.ExpectedAt, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        Assert.Contains(berlin.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), text, StringComparison.Ordinal);

        // Every value HTML-encoded: no raw & or ' from the data reaches the markup.
        Assert.Contains("Q&amp;A", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Q&A", html, StringComparison.Ordinal);
        Assert.DoesNotContain("'pricing'", html, StringComparison.Ordinal);
        Assert.DoesNotContain("O'Neill", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Mary's", html, StringComparison.Ordinal);
        Assert.DoesNotContain("O'Reilly", html, StringComparison.Ordinal);

        // No script at all; a phone-sized layout; a form that works without JavaScript.
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"\son[a-z]+\s*=", TagAttributes(html));
        Assert.Matches("<meta name=\"viewport\" content=\"width=device-width[^\"]*\">", html);
        Assert.Contains($"<form method=\"post\" action=\"/api/public/approvals/{approval.Token}\">", html, StringComparison.Ordinal);
        Assert.Contains("name=\"decision\" value=\"approve\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"decision\" value=\"reject\"", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"reason\">", html, StringComparison.Ordinal);

        // A strict policy: nothing loads; only the page's own style, by a nonce that matches this response.
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var directives = Directives(policy);
        Assert.Equal("'none'", directives["default-src"]);
        Assert.Equal("'self'", directives["form-action"]);
        Assert.Equal("'none'", directives["frame-ancestors"]);
        Assert.Equal("'none'", directives["base-uri"]);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.False(directives.ContainsKey("script-src"), policy);
        var nonce = NoncePattern().Match(directives["style-src"]);
        Assert.True(nonce.Success, policy);
        Assert.Contains($"<style nonce=\"{nonce.Groups[1].Value}\">", html, StringComparison.Ordinal);
        Assert.True(Convert.FromBase64String(nonce.Groups[1].Value).Length >= 16);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());

        // A second look (a messenger's preview, then the host) has a fresh nonce and still works: nothing changed.
        var again = await Anonymous.GetAsync($"/approve/{approval.Token}");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.NotEqual(policy, Assert.Single(again.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("PendingApproval", (await _scenario.VisitAsync(approval.Visit.Id)).Status);
        Assert.Equal(auditBefore, await _scenario.AuditAsync(approval.Visit.Id));
        var token = Assert.Single(await _scenario.TokenRowsAsync(approval.Visit.Id));
        Assert.Null(token.UsedAt);
        await ExpectOutcome(await DecideJsonAsync(approval.Token, "approve"), "Approved", approval.Visit.Id);
    }

    [Fact]
    public async Task Approving_with_json_approves_the_visit_as_its_host_and_tells_the_visitor()
    {
        var approval = await _scenario.RequestApprovalAsync();
        var before = DateTimeOffset.UtcNow;

        var response = await DecideJsonAsync(approval.Token, "approve");

        await ExpectOutcome(response, "Approved", approval.Visit.Id);
        var visit = await _scenario.VisitAsync(approval.Visit.Id);
        Assert.Equal("Approved", visit.Status);
        Assert.InRange(visit.ApprovedAt!.Value, before, DateTimeOffset.UtcNow);
        var audit = await _scenario.AuditAsync(approval.Visit.Id);
        var approved = Assert.Single(audit, a => a.Action == "visit.approved");
        Assert.Equal(approval.Host.Id, approved.UserId);
        Assert.Equal(2, audit.Count);

        var message = await api.WhatsApp.WaitForArrivalToAsync(approval.VisitorPhone);
        Assert.Contains("approved", message.Text, StringComparison.Ordinal);
        Assert.Contains(visit.BadgeCode, message.Text, StringComparison.Ordinal);
        Assert.Contains("Hanna Host-Meyer", message.Text, StringComparison.Ordinal);
        var notifications = await _scenario.WaitForNotificationsAsync(approval.Visit.Id, n => n.Count == 2 && n.All(x => x.Status == "Sent"));
        Assert.Equal(["ApprovalRequested", "Approved"], notifications.Select(n => n.Kind));
        Assert.NotNull(Assert.Single(await _scenario.TokenRowsAsync(approval.Visit.Id)).UsedAt);
    }

    [Fact]
    public async Task Rejecting_with_the_pages_form_post_rejects_the_visit_with_the_reason_and_answers_a_page()
    {
        var approval = await _scenario.RequestApprovalAsync();
        const string Reason = "Fully booked today & tomorrow, sorry";

        var response = await DecideFormAsync(approval.Token, "reject", Reason);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Visit rejected", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("'none'", Directives(Assert.Single(response.Headers.GetValues("Content-Security-Policy")))["default-src"]);
        var visit = await _scenario.VisitAsync(approval.Visit.Id);
        Assert.Equal(("Rejected", Reason), (visit.Status, visit.RejectionReason));
        var rejected = Assert.Single(await _scenario.AuditAsync(approval.Visit.Id), a => a.Action == "visit.rejected");
        Assert.Equal(approval.Host.Id, rejected.UserId);
        var message = await api.WhatsApp.WaitForArrivalToAsync(approval.VisitorPhone);
        Assert.Contains("cannot receive you", message.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Reason, message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approving_with_the_pages_form_post_answers_a_page_that_says_approved()
    {
        var approval = await _scenario.RequestApprovalAsync();

        var response = await DecideFormAsync(approval.Token, "approve");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Visit approved", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("Approved", (await _scenario.VisitAsync(approval.Visit.Id)).Status);
    }

    [Fact]
    public async Task A_used_link_is_gone_and_changes_nothing()
    {
        var approval = await _scenario.RequestApprovalAsync();
        await ExpectOutcome(await DecideJsonAsync(approval.Token, "approve"), "Approved", approval.Visit.Id);
        var decided = await _scenario.VisitAsync(approval.Visit.Id);
        var audit = await _scenario.AuditAsync(approval.Visit.Id);

        var json = await TestData.ExpectProblem(await DecideJsonAsync(approval.Token, "reject"), HttpStatusCode.Gone);
        Assert.Contains("already been used", json.Detail, StringComparison.Ordinal);
        var form = await DecideFormAsync(approval.Token, "reject", "Changed my mind");
        Assert.Equal(HttpStatusCode.Gone, form.StatusCode);
        Assert.Equal("text/html", form.Content.Headers.ContentType?.MediaType);
        var page = await Anonymous.GetAsync($"/approve/{approval.Token}");
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Contains("already been used", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("<form", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await TestData.ExpectProblem(await DecideJsonAsync(approval.Token, "approve"), HttpStatusCode.Gone);

        Assert.Equal(decided, await _scenario.VisitAsync(approval.Visit.Id));
        Assert.Equal(audit, await _scenario.AuditAsync(approval.Visit.Id));
    }

    [Fact]
    public async Task Two_decisions_at_once_with_one_link_are_recorded_once()
    {
        var approval = await _scenario.RequestApprovalAsync();

        var responses = await Task.WhenAll(
            DecideJsonAsync(approval.Token, "approve"), DecideJsonAsync(approval.Token, "reject"),
            DecideJsonAsync(approval.Token, "approve"), DecideJsonAsync(approval.Token, "reject"));

        var winner = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r != winner), r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Gone, HttpStatusCode.Conflict }));
        var outcome = (await winner.Content.ReadFromJsonAsync<ApprovalOutcomeBody>(TestData.Json))!;
        Assert.Equal(outcome.Status, (await _scenario.VisitAsync(approval.Visit.Id)).Status);
        Assert.Single(await _scenario.AuditAsync(approval.Visit.Id), a => a.Action is "visit.approved" or "visit.rejected");
    }

    [Fact]
    public async Task An_unknown_link_is_not_found()
    {
        var unknown = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        var page = await Anonymous.GetAsync($"/approve/{unknown}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal("'none'", Directives(Assert.Single(page.Headers.GetValues("Content-Security-Policy")))["default-src"]);
        Assert.Contains("not valid", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await TestData.ExpectProblem(await DecideJsonAsync(unknown, "approve"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await DecideFormAsync(unknown, "approve")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.GetAsync("/approve/" + new string('a', 500))).StatusCode);
    }

    [Fact]
    public async Task An_expired_link_is_gone_and_changes_nothing()
    {
        var approval = await _scenario.RequestApprovalAsync();
        Assert.Equal(1, await _scenario.ExecuteAsync("UPDATE approval_tokens SET expires_at = now() - interval '1 second' WHERE visit_id = @id", approval.Visit.Id));

        var page = await Anonymous.GetAsync($"/approve/{approval.Token}");
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Contains("expired", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var problem = await TestData.ExpectProblem(await DecideJsonAsync(approval.Token, "approve"), HttpStatusCode.Gone);
        Assert.Contains("expired", problem.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, (await DecideFormAsync(approval.Token, "reject")).StatusCode);

        Assert.Equal("PendingApproval", (await _scenario.VisitAsync(approval.Visit.Id)).Status);
        Assert.Null(Assert.Single(await _scenario.TokenRowsAsync(approval.Visit.Id)).UsedAt);
        Assert.DoesNotContain(await _scenario.AuditAsync(approval.Visit.Id), a => a.Action != "visit.created");
    }

    [Fact]
    public async Task A_deactivated_hosts_link_is_gone_and_changes_nothing()
    {
        var approval = await _scenario.RequestApprovalAsync();
        await TestData.Expect(await _data.Admin.PatchAsJsonAsync($"/api/users/{approval.Host.Id}", new { isActive = false }), HttpStatusCode.OK);

        var page = await Anonymous.GetAsync($"/approve/{approval.Token}");
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.DoesNotContain("<form", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var problem = await TestData.ExpectProblem(await DecideJsonAsync(approval.Token, "approve"), HttpStatusCode.Gone);
        Assert.Contains("host", problem.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, (await DecideFormAsync(approval.Token, "approve")).StatusCode);

        Assert.Equal("PendingApproval", (await _scenario.VisitAsync(approval.Visit.Id)).Status);
        Assert.Null(Assert.Single(await _scenario.TokenRowsAsync(approval.Visit.Id)).UsedAt);
    }

    [Fact]
    public async Task The_link_expires_with_the_approval_timeout()
    {
        var approval = await _scenario.RequestApprovalAsync();

        var token = Assert.Single(await _scenario.TokenRowsAsync(approval.Visit.Id));

        // PENDING_APPROVAL_TIMEOUT_MINUTES is not set here: the default 60 minutes from the visit's creation.
        Assert.Equal(approval.Visit.CreatedAt.AddMinutes(60), token.ExpiresAt, TimeSpan.FromMilliseconds(1));
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("reject")]
    [InlineData("cancel")]
    public async Task A_link_to_a_visit_decided_in_the_app_first_is_gone(string action)
    {
        var approval = await _scenario.RequestApprovalAsync();
        await _data.TransitionAsync(approval.Visit.Id, action);
        var decided = await _scenario.VisitAsync(approval.Visit.Id);
        var audit = await _scenario.AuditAsync(approval.Visit.Id);

        var page = await Anonymous.GetAsync($"/approve/{approval.Token}");
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Contains($"already {decided.Status}", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await TestData.ExpectProblem(await DecideJsonAsync(approval.Token, action == "approve" ? "reject" : "approve"), HttpStatusCode.Gone);
        Assert.Equal(HttpStatusCode.Gone, (await DecideFormAsync(approval.Token, "approve")).StatusCode);

        Assert.Equal(decided, await _scenario.VisitAsync(approval.Visit.Id));
        Assert.Equal(audit, await _scenario.AuditAsync(approval.Visit.Id));
    }

    [Fact]
    public async Task A_bad_decision_is_refused_and_leaves_the_link_usable()
    {
        var approval = await _scenario.RequestApprovalAsync();

        var maybe = await TestData.ExpectProblem(await DecideJsonAsync(approval.Token, "maybe"), HttpStatusCode.BadRequest);
        Assert.NotNull(maybe.Errors);
        Assert.Contains(maybe.Errors!, e => e.Key.Equals("decision", StringComparison.OrdinalIgnoreCase));
        var missing = await Anonymous.PostAsync($"/api/public/approvals/{approval.Token}", TestData.RawJson("{}"));
        await TestData.ExpectProblem(missing, HttpStatusCode.BadRequest);
        var upper = await DecideJsonAsync(approval.Token, "APPROVE");
        await TestData.ExpectProblem(upper, HttpStatusCode.BadRequest);
        var markup = await Anonymous.PostAsJsonAsync($"/api/public/approvals/{approval.Token}", new { decision = "reject", reason = "<b>no</b>" });
        await TestData.ExpectProblem(markup, HttpStatusCode.BadRequest);
        var form = await DecideFormAsync(approval.Token, "maybe");
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        Assert.Equal("text/html", form.Content.Headers.ContentType?.MediaType);
        Assert.Contains("approve or reject", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal("PendingApproval", (await _scenario.VisitAsync(approval.Visit.Id)).Status);
        Assert.Null(Assert.Single(await _scenario.TokenRowsAsync(approval.Visit.Id)).UsedAt);
        await ExpectOutcome(await DecideJsonAsync(approval.Token, "reject"), "Rejected", approval.Visit.Id);
    }

    [Fact]
    public async Task The_token_is_stored_only_as_its_sha256_hash()
    {
        var approval = await _scenario.RequestApprovalAsync();

        var row = Assert.Single(await _scenario.TokenRowsAsync(approval.Visit.Id));
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(approval.Token)));
        Assert.Equal(expected, row.Hash);
        Assert.Empty(await _scenario.TablesContainingAsync(approval.Token));
        Assert.Equal(["approval_tokens"], await _scenario.TablesContainingAsync(row.Hash));

        // The hash is no credential: whoever reads the table cannot use what it holds.
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous.GetAsync($"/approve/{row.Hash}")).StatusCode);
        await TestData.ExpectProblem(await DecideJsonAsync(row.Hash, "approve"), HttpStatusCode.NotFound);
        Assert.Equal("PendingApproval", (await _scenario.VisitAsync(approval.Visit.Id)).Status);
    }

    [Fact]
    public async Task A_host_without_a_phone_number_is_recorded_as_skipped_not_an_error()
    {
        var host = await _data.UserAsync("Host", "Phoneless Host");
        var visit = await _data.PendingVisitAsync(host.Id);

        var notifications = await _scenario.WaitForNotificationsAsync(visit.Id, n => n.Count > 0);

        var skipped = Assert.Single(notifications);
        Assert.Equal(("ApprovalRequested", "Skipped", 0), (skipped.Kind, skipped.Status, skipped.Attempts));
        Assert.Contains("no phone number", skipped.LastError, StringComparison.Ordinal);
        Assert.Null(skipped.SentAt);
        Assert.Equal("PendingApproval", (await _scenario.VisitAsync(visit.Id)).Status);
    }

    private static async Task ExpectOutcome(HttpResponseMessage response, string status, Guid visitId)
    {
        await TestData.Expect(response, HttpStatusCode.OK);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new ApprovalOutcomeBody(visitId, status), await response.Content.ReadFromJsonAsync<ApprovalOutcomeBody>(TestData.Json));
    }

    private Task<HttpResponseMessage> DecideJsonAsync(string token, string decision) =>
        Anonymous.PostAsJsonAsync($"/api/public/approvals/{token}", new { decision });

    private Task<HttpResponseMessage> DecideFormAsync(string token, string decision, string? reason = null) =>
        Anonymous.PostAsync($"/api/public/approvals/{token}", new FormUrlEncodedContent(
            reason is null ? [new("decision", decision)] : [new("decision", decision), new KeyValuePair<string, string>("reason", reason)]));

    /// <summary>The policy's directives by name, e.g. <c>default-src</c> → <c>'none'</c>.</summary>
    private static Dictionary<string, string> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : string.Empty, StringComparer.Ordinal);

    /// <summary>Every tag's text (name and attributes), to look for inline event handlers.</summary>
    private static string TagAttributes(string html) => string.Join('\n', TagPattern().Matches(html).Select(m => m.Value));

    [GeneratedRegex("^'nonce-([A-Za-z0-9+/=]+)'$")]
    private static partial Regex NoncePattern();

    [GeneratedRegex("<[a-zA-Z][^>]*>")]
    private static partial Regex TagPattern();
}
