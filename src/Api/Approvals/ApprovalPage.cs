using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using CleanVisitors.Application.Approvals.Queries.GetApprovalRequest;

namespace CleanVisitors.Api.Approvals;

/// <summary>
/// The small HTML pages of the approval link: no JavaScript, a phone-sized layout, every value HTML-encoded, and
/// a strict Content-Security-Policy (nothing loads; the one inline style is allowed by a per-response nonce).
/// </summary>
internal static class ApprovalPage
{
    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;padding:1rem;background:#f6f7f9;color:#1b1f24;line-height:1.5}
        main{max-width:28rem;margin:0 auto;background:#fff;border-radius:.75rem;padding:1.25rem;box-shadow:0 1px 3px rgba(0,0,0,.12)}
        h1{font-size:1.35rem;margin:0 0 1rem}dl{margin:0 0 1.25rem}dt{font-weight:600;font-size:.9rem;color:#4a525c}dd{margin:0 0 .75rem}
        label{display:block;font-weight:600;font-size:.9rem;margin-bottom:.25rem}input[type=text]{width:100%;box-sizing:border-box;padding:.6rem;font-size:1rem;border:1px solid #8a939e;border-radius:.4rem;margin-bottom:1rem}
        .actions{display:flex;gap:.75rem}button{flex:1;font-size:1.05rem;padding:.85rem;border:0;border-radius:.5rem;cursor:pointer;color:#fff}
        .approve{background:#1a7f37}.reject{background:#b42318}button:focus-visible{outline:3px solid #0b5cff;outline-offset:2px}
        """;

    public static string Request(string token, ApprovalRequestDto request, string nonce)
    {
        var e = HtmlEncoder.Default;
        var action = "/api/public/approvals/" + UrlEncoder.Default.Encode(token);
        var visitor = request.Company is null ? request.VisitorName : $"{request.VisitorName} ({request.Company})";
        return Layout("Approve a visit", nonce, $"""
            <h1>Approve a visit</h1>
            <dl>
              <dt>Visitor</dt><dd>{e.Encode(visitor)}</dd>
              <dt>Purpose</dt><dd>{e.Encode(request.Purpose)}</dd>
              <dt>Site</dt><dd>{e.Encode(request.SiteName)}</dd>
              <dt>Time</dt><dd>{e.Encode(request.When)}</dd>
            </dl>
            <form method="post" action="{e.Encode(action)}">
              <label for="reason">Reason (optional, for a rejection)</label>
              <input type="text" id="reason" name="reason" maxlength="500" autocomplete="off">
              <div class="actions">
                <button type="submit" name="decision" value="approve" class="approve">Approve</button>
                <button type="submit" name="decision" value="reject" class="reject">Reject</button>
              </div>
            </form>
            """);
    }

    public static string Outcome(string title, string message, string nonce) =>
        Layout(title, nonce, $"""
            <h1>{HtmlEncoder.Default.Encode(title)}</h1>
            <p role="status">{HtmlEncoder.Default.Encode(message)}</p>
            """);

    public static string NewNonce() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));

    public static string ContentSecurityPolicy(string nonce) =>
        $"default-src 'none'; style-src 'nonce-{nonce}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static string Layout(string title, string nonce, string body)
    {
        var html = new StringBuilder(2048);
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta name=\"robots\" content=\"noindex\">")
            .Append("<title>").Append(HtmlEncoder.Default.Encode(title)).Append(" · CleanVisitors</title>")
            .Append("<style nonce=\"").Append(nonce).Append("\">").Append(Style).Append("</style></head><body><main>")
            .Append(body)
            .Append("</main></body></html>");
        return html.ToString();
    }
}
