
using CleanVisitors.Api.Operations.Logging;

namespace CleanVisitors.UnitTests.Api;

public sealed class SecretPathsTests
{
    [Theory]
    [InlineData("/approve/abcDEF123_-x", "/approve/***")]
    [InlineData("/APPROVE/abcDEF123", "/APPROVE/***")]
    [InlineData("/api/public/approvals/abc123", "/api/public/approvals/***")]
    [InlineData("/api/public/approvals/abc123/extra", "/api/public/approvals/***/extra")]
    [InlineData("/approve/", "/approve/")]
    [InlineData("/api/visits/0193a1b2-0000-7000-8000-000000000001", "/api/visits/0193a1b2-0000-7000-8000-000000000001")]
    [InlineData("/approvements/x", "/approvements/x")]
    public void Redact_ReplacesOnlyTheTokenSegment(string path, string expected) => Assert.Equal(expected, SecretPaths.Redact(path));

    [Fact]
    public void MaskText_RemovesApprovalTokensFromFreeText()
    {
        const string text = "Request starting HTTP/1.1 GET https://visitors.example/approve/Zx9_token-Value?x=1 and POST /api/public/approvals/Other_Tok3n";

        var masked = SensitiveDataMasking.MaskText(text);

        Assert.Equal("Request starting HTTP/1.1 GET https://visitors.example/approve/***?x=1 and POST /api/public/approvals/***", masked);
    }
}
