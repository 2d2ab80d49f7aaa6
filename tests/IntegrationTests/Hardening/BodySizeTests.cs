using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CleanVisitors.IntegrationTests.Infrastructure;

namespace CleanVisitors.IntegrationTests.Hardening;

/// <summary>A small body limit, so a test can send just over and just up to it.</summary>
public sealed class BodySizeFactory : HardeningFactory
{
    public const int MaxBodyBytes = 2048;

    public BodySizeFactory() => Settings["MAX_REQUEST_BODY_BYTES"] = MaxBodyBytes.ToString(CultureInfo.InvariantCulture);
}

public sealed class BodySizeTests(BodySizeFactory factory) : IClassFixture<BodySizeFactory>
{
    [Fact]
    public async Task JsonBody_OverTheLimit_IsRefusedWith413Problem()
    {
        var admin = await factory.AdminClientAsync();

        var response = await admin.PostAsync("/api/visitors", VisitorBodyOfExactly(BodySizeFactory.MaxBodyBytes + 1));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemBody>(TestData.Json);
        Assert.Equal(413, problem!.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
        Assert.True(response.Headers.Contains("X-RateLimit-Remaining"), "a 413 does not say where the client stands");
    }

    [Fact]
    public async Task JsonBody_UpToTheLimit_IsAccepted()
    {
        var admin = await factory.AdminClientAsync();

        var response = await admin.PostAsync("/api/visitors", VisitorBodyOfExactly(BodySizeFactory.MaxBodyBytes));

        Assert.NotEqual(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await TestData.Expect(response, HttpStatusCode.Created);
    }

    /// <summary>A valid visitor, padded with JSON whitespace to exactly <paramref name="bytes"/> bytes.</summary>
    private static ByteArrayContent VisitorBodyOfExactly(int bytes)
    {
        var json = JsonSerializer.Serialize(new { fullName = "Bodo Bytes", phoneNumber = TestData.PhoneNumber() });
        var padded = json[..^1] + new string(' ', bytes - Encoding.UTF8.GetByteCount(json)) + "}";
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(padded));
        content.Headers.ContentType = new("application/json");
        Assert.Equal(bytes, content.Headers.ContentLength);
        return content;
    }
}
