using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using CleanVisitors.IntegrationTests.Infrastructure;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace CleanVisitors.IntegrationTests.RealProcess;

/// <summary>
/// Issue 3 §1, "secrets never appear": a full scenario on the real process in Production at Debug level, then the
/// whole captured output (stdout and stderr) is searched for every secret and every piece of personal data it saw.
/// </summary>
[Trait(TestTier.Name, TestTier.Slow)]
public sealed class SecretsInLogsTests(EmptyProcessDatabase database) : IClassFixture<EmptyProcessDatabase>
{
    [Fact]
    public async Task FullScenarioAtDebugLevel_LeavesNoSecretOrPersonalDataInTheOutput()
    {
        var role = $"cv_log_{Guid.NewGuid():N}"[..20];
        var databasePassword = "DbPw" + ProcessSettings.RandomSecret(28);
        await using var login = await DatabaseLoginAsync(role, databasePassword);
        var server = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["JWT_SECRET"] = "JwtSecret" + ProcessSettings.RandomSecret(40),
            ["ADMIN_PASSWORD"] = ProcessSettings.AdminPassword,
            ["the DATABASE_URL password"] = databasePassword,
            ["WHATSAPP_API_TOKEN"] = "WaToken" + ProcessSettings.RandomSecret(24),
            ["WHATSAPP_API_SECRET_KEY"] = "WaSecretKey" + ProcessSettings.RandomSecret(24),
            ["WHATSAPP_API_ACCESS_KEY"] = "WaAccessKey" + ProcessSettings.RandomSecret(24),
            ["CRON_SECRET"] = "CronSecret" + ProcessSettings.RandomSecret(24),
        };
        var settings = ProcessSettings.ValidProduction($"postgresql://{role}:{databasePassword}@{server.Host}:{server.Port}/{server.Database}")
            .With("LOG_LEVEL", "Debug")
            .With("JWT_SECRET", secrets["JWT_SECRET"])
            .With("CRON_SECRET", secrets["CRON_SECRET"])
            .With("WHATSAPP_API_URL", "https://whatsapp.invalid/v1")
            .With("WHATSAPP_API_TOKEN", secrets["WHATSAPP_API_TOKEN"])
            .With("WHATSAPP_API_SECRET_KEY", secrets["WHATSAPP_API_SECRET_KEY"])
            .With("WHATSAPP_API_ACCESS_KEY", secrets["WHATSAPP_API_ACCESS_KEY"]);

        await using var api = ApiProcess.Start(settings);
        await api.WaitUntilReadyAsync();

        using var admin = await ProcessRun.SignInAsAdminAsync(api);
        secrets["the admin's access token"] = admin.AccessToken;
        secrets["the admin's Authorization header"] = $"Bearer {admin.AccessToken}";

        var visitorPhone = TestData.PhoneNumber();
        var visitorEmail = $"vera.{Guid.NewGuid():N}@visitor-mail.example";
        secrets["the visitor's phone number"] = visitorPhone;
        secrets["the visitor's phone number without +"] = visitorPhone[1..];
        secrets["the visitor's e-mail"] = visitorEmail;
        var visitorResponse = await admin.Client.PostAsJsonAsync("/api/visitors", new { fullName = "Vera Visitor", phoneNumber = visitorPhone, email = visitorEmail, company = "Acme" });
        await TestData.Expect(visitorResponse, HttpStatusCode.Created);
        var visitor = (await visitorResponse.Content.ReadFromJsonAsync<VisitorBody>(TestData.Json))!;
        using (var search = await admin.Client.GetAsync($"/api/visitors?search={Uri.EscapeDataString(visitorPhone)}"))
        {
            await TestData.Expect(search, HttpStatusCode.OK);
        }

        var hostEmail = $"hanna.{Guid.NewGuid():N}@example.com";
        var hostPassword = "HostPw" + ProcessSettings.RandomSecret(20);
        secrets["the host's password"] = hostPassword;
        secrets["the host's e-mail"] = hostEmail;
        var hostResponse = await admin.Client.PostAsJsonAsync("/api/users", new { email = hostEmail, fullName = "Hanna Host", phoneNumber = TestData.PhoneNumber(), role = "Host", password = hostPassword });
        await TestData.Expect(hostResponse, HttpStatusCode.Created);
        var host = (await hostResponse.Content.ReadFromJsonAsync<UserBody>(TestData.Json))!;
        using var hostClient = await ProcessRun.SignInAsync(api, hostEmail, hostPassword);
        secrets["the host's access token"] = hostClient.AccessToken;

        var visitResponse = await admin.Client.PostAsJsonAsync("/api/visits", new { visitorId = visitor.Id, hostId = host.Id, purpose = "Contract review" });
        await TestData.Expect(visitResponse, HttpStatusCode.Created);
        var visit = (await visitResponse.Content.ReadFromJsonAsync<VisitBody>(TestData.Json))!;
        foreach (var action in new[] { "approve", "check-in" })
        {
            using var transition = await admin.Client.PostAsync($"/api/visits/{visit.Id}/{action}", null);
            await TestData.Expect(transition, HttpStatusCode.OK);
        }

        var wrongPassword = "WrongPw" + ProcessSettings.RandomSecret(20);
        secrets["the wrong password"] = wrongPassword;
        using (var anonymous = api.CreateClient())
        {
            using var failedLogin = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = ProcessSettings.AdminEmail, password = wrongPassword });
            Assert.Equal(HttpStatusCode.Unauthorized, failedLogin.StatusCode);

            // A well-formed token signed with another key, and one that is not a JWT at all.
            var forged = ForgedToken(admin.UserId);
            var opaque = "bogus-token-" + ProcessSettings.RandomSecret(24);
            secrets["the forged bearer token"] = forged;
            secrets["the opaque bearer token"] = opaque;
            foreach (var token in new[] { forged, opaque })
            {
                using var bogus = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
                bogus.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var rejected = await anonymous.SendAsync(bogus);
                Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
            }
        }

        api.Signal("TERM");
        Assert.Equal(0, await api.WaitForExitAsync(ProcessRun.ExitTimeout));

        // The scan means something only if the scenario was logged, at Debug, with the database connection in it.
        var events = ProcessRun.JsonEvents(api);
        Assert.Contains(events, e => e.Level() == "Debug" && e.Text("RequestName") == "CreateVisitorCommand");
        Assert.Contains(events, e => e.Text("Path") == "/api/auth/login" && e.GetProperty("StatusCode").GetInt32() == 401);
        Assert.Contains(events, e => e.Text("Path") == "/api/auth/me" && e.GetProperty("StatusCode").GetInt32() == 401);
        Assert.Contains(events, e => e.Text("Path") == $"/api/visits/{visit.Id}/check-in" && e.GetProperty("StatusCode").GetInt32() == 200);
        Assert.Contains(api.Lines, line => line.Contains($"Username={role}", StringComparison.Ordinal));

        var output = api.Output;
        var leaks = secrets
            .Where(secret => output.Contains(secret.Value, StringComparison.Ordinal))
            .Select(secret => $"{secret.Key} appears in: {api.Lines.First(line => line.Contains(secret.Value, StringComparison.Ordinal))}")
            .ToList();
        Assert.True(leaks.Count == 0, string.Join('\n', leaks));
    }

    private static string ForgedToken(Guid userId)
    {
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(ProcessSettings.RandomSecret(48)));
        var token = new JwtSecurityToken(
            issuer: "cleanvisitors",
            audience: "cleanvisitors-api",
            claims: [new Claim("sub", userId.ToString()), new Claim("role", "Admin")],
            expires: DateTime.UtcNow.AddHours(1),
            signingCredentials: new SigningCredentials(key, SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    /// <summary>
    /// A login role with a recognisable password that owns nothing but may use the test database: the scan looks for
    /// that password, which a shared server's own password (e.g. Testcontainers' "postgres") could not be.
    /// </summary>
    private async Task<IAsyncDisposable> DatabaseLoginAsync(string role, string password)
    {
        var name = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database;
        await ExecuteAsync(
            $"CREATE ROLE {role} LOGIN PASSWORD '{password}'",
            $"GRANT ALL ON DATABASE \"{name}\" TO {role}",
            $"GRANT ALL ON SCHEMA public TO {role}");
        return new RoleDrop(() => ExecuteAsync($"DROP OWNED BY {role}", $"DROP ROLE {role}"));
    }

    private async Task ExecuteAsync(params string[] statements)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private sealed class RoleDrop(Func<Task> drop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await drop();
    }
}
