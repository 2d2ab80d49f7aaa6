using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CleanVisitors.IntegrationTests.Infrastructure;
using CleanVisitors.IntegrationTests.RealProcess;
using Microsoft.Playwright;

namespace CleanVisitors.IntegrationTests.Browser;

/// <summary>
/// The approval page in a real browser: Debian's Chromium, headless, driven by Playwright with the system browser
/// (no browser download), against the API running as a real process on a loopback port with WhatsApp at a fake.
/// </summary>
[Trait(TestTier.Name, TestTier.Slow)]
public sealed partial class ApprovalPageBrowserTests(ProcessDatabase database) : IClassFixture<ProcessDatabase>
{
    private const string PublicBaseUrl = "https://visitors.example.test";

    [Fact]
    public async Task A_host_opens_the_link_on_a_phone_without_JavaScript_clicks_Approve_and_the_visit_is_approved()
    {
        var chromium = SystemChromium.Path();
        using var whatsApp = new WhatsAppFake();
        whatsApp.Answer(200);
        var settings = ProcessSettings.ValidProduction(database.ConnectionString);
        foreach (var (key, value) in whatsApp.Settings)
        {
            settings[key] = value;
        }

        settings["PUBLIC_BASE_URL"] = PublicBaseUrl;
        await using var api = ApiProcess.Start(settings);
        await api.WaitUntilReadyAsync();
        using var admin = await ProcessRun.SignInAsAdminAsync(api);
        var hostPhone = TestData.PhoneNumber();
        var host = await CreatedAsync<UserBody>(admin.Client, "/api/users", new
        {
            email = $"host-{Guid.NewGuid():N}@example.com",
            fullName = "Hanna Host",
            phoneNumber = hostPhone,
            role = "Host",
            password = "correct-horse-battery",
        });
        var visitor = await CreatedAsync<VisitorBody>(admin.Client, "/api/visitors", new { fullName = "Zoë O'Neill", phoneNumber = TestData.PhoneNumber(), company = "O'Reilly, Smith" });
        var visit = await CreatedAsync<VisitBody>(admin.Client, "/api/visits", new { visitorId = visitor.Id, hostId = host.Id, purpose = "Q&A on 'pricing'" });
        var message = await whatsApp.WaitForArrivalToAsync(hostPhone, timeout: TimeSpan.FromSeconds(30));
        var link = LinkPattern().Match(message.Text!);
        Assert.True(link.Success, $"No approval link in the host's message: {message.Text}");
        // The link names the public address (a proxy in front of the service); the browser reaches the service itself.
        var pageUrl = new Uri(api.BaseAddress, new Uri(link.Value).AbsolutePath);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = false,
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            IsMobile = true,
            HasTouch = true,
        });
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                consoleErrors.Add(m.Text);
            }
        };

        var shown = await page.GotoAsync(pageUrl.ToString());

        Assert.Equal(200, shown!.Status);
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("Approve a visit"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Approve a visit" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("dd").Nth(0)).ToHaveTextAsync("Zoë O'Neill (O'Reilly, Smith)");
        await Assertions.Expect(page.Locator("dd").Nth(1)).ToHaveTextAsync("Q&A on 'pricing'");
        await Assertions.Expect(page.GetByLabel("Reason (optional, for a rejection)")).ToBeEditableAsync();
        var approve = page.GetByRole(AriaRole.Button, new() { Name = "Approve" });
        await Assertions.Expect(approve).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Reject" })).ToBeVisibleAsync();
        // The page's own style applies under its CSP (green Approve button) and the page fits a phone's width.
        await Assertions.Expect(approve).ToHaveCSSAsync("background-color", "rgb(26, 127, 55)");
        var box = await approve.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= 360, $"The Approve button is outside a phone's width: {box.X} + {box.Width}.");
        Assert.True(box.Height >= 44, $"The Approve button is too small to tap: {box.Height}px.");
        Assert.Empty(consoleErrors);

        await approve.TapAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Visit approved" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("may come in");
        Assert.EndsWith($"/api/public/approvals/{link.Groups["token"].Value}", page.Url, StringComparison.Ordinal);
        Assert.Empty(consoleErrors);
        var approved = await admin.Client.GetFromJsonAsync<VisitBody>($"/api/visits/{visit.Id}", TestData.Json);
        Assert.Equal("Approved", approved!.Status);
        Assert.NotNull(approved.ApprovedAt);

        // Opening the link again (the browser's back and reload) now says it has been used.
        var reopened = await page.GotoAsync(pageUrl.ToString());
        Assert.Equal((int)HttpStatusCode.Gone, reopened!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("already been used");
    }

    private static async Task<T> CreatedAsync<T>(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        await TestData.Expect(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<T>(TestData.Json))!;
    }

    [GeneratedRegex(@"https?://\S+/approve/(?<token>[A-Za-z0-9_-]+)")]
    private static partial Regex LinkPattern();
}

/// <summary>
/// Debian's Chromium: <c>CHROMIUM_PATH</c> when set (./test.sh exports it), else <c>chromium</c> on the PATH. A browser
/// test never skips: without a browser it fails and says how to get one.
/// </summary>
public static class SystemChromium
{
    public static string Path()
    {
        var configured = Environment.GetEnvironmentVariable("CHROMIUM_PATH");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            Assert.True(File.Exists(configured), $"CHROMIUM_PATH is {configured}, which does not exist.");
            return configured;
        }

        var found = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => new[] { System.IO.Path.Combine(dir, "chromium"), System.IO.Path.Combine(dir, "chromium-browser") })
            .FirstOrDefault(File.Exists);
        Assert.True(found is not null,
            "The browser tests need Chromium and none was found: run ./test.sh (it installs Debian's chromium when missing and " +
            "root or sudo allows), or `apt-get install -y chromium`, or set CHROMIUM_PATH to a Chromium binary.");
        return found;
    }
}
