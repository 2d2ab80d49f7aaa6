
using CleanVisitors.Api.Http;

namespace CleanVisitors.Api.Security;

/// <summary>
/// A NUL character anywhere in a request's text is 400 (contract, Auth): in the path, the query string (raw or
/// percent-encoded) or a URL-encoded form body here, in a JSON string through <see cref="Http.JsonSetup"/>'s converter.
/// PostgreSQL refuses NUL in text (error 22021), so one that got through reached the database as a 500; and a NUL has no
/// business in a name, a search or a password. Kestrel refuses NUL in header values itself. Binary bodies (photos) are
/// bytes, not text, and are not looked at.
/// </summary>
public sealed class NulCharacterGuard(RequestDelegate next)
{
    public const string Code = "request.nul_character";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HasNul(request.Path.Value) || HasNul(request.QueryString.Value) || await FormHasNulAsync(request, context.RequestAborted))
        {
            await MiddlewareProblems.WriteAsync(
                context, StatusCodes.Status400BadRequest, "Bad Request", "The request contains a NUL character (U+0000), which no field accepts.", Code);
            return;
        }

        await next(context);
    }

    private static bool HasNul(string? text) =>
        text is not null && (text.Contains('\0') || text.Contains("%00", StringComparison.Ordinal));

    /// <summary>
    /// A URL-encoded form, read raw (and rewound for the endpoint) only when the endpoint reads one (after the rate
    /// limiter, so nobody makes the server read bodies for free): ASP.NET Core's form reader throws on an encoded NUL,
    /// which would be a 500. Multipart bodies carry files and are not text.
    /// </summary>
    private static async Task<bool> FormHasNulAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        const string UrlEncoded = "application/x-www-form-urlencoded";
        var accepts = request.HttpContext.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes;
        if (request.ContentType?.StartsWith(UrlEncoded, StringComparison.OrdinalIgnoreCase) != true
            || accepts?.Contains(UrlEncoded, StringComparer.OrdinalIgnoreCase) != true)
        {
            return false;
        }

        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, leaveOpen: true);
        var body = await reader.ReadToEndAsync(cancellationToken);
        request.Body.Position = 0;
        return HasNul(body);
    }
}
