using CleanVisitors.Api.Configuration;
using CleanVisitors.Api.Http;
using CleanVisitors.Api.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Api.Security;

/// <summary>
/// Refuses a body larger than the limit with a 413 problem before reading it: <c>MAX_REQUEST_BODY_BYTES</c>
/// (default 1 MB), or the endpoint's own <c>[RequestSizeLimit]</c> (photo uploads: 5 MB). Chunked bodies are cut
/// off by Kestrel at the same limit while they are read.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<ServerOptions> options)
{
    private readonly long _defaultLimit = options.Value.MaxRequestBodyBytes;

    public async Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? _defaultLimit;
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = limit;
        }

        if (context.Request.ContentLength > limit)
        {
            GlobalRateLimit.WriteHeaders(context);
            await MiddlewareProblems.WriteAsync(
                context, StatusCodes.Status413PayloadTooLarge, "Payload Too Large", $"The request body is larger than the {limit} bytes allowed here.");
            return;
        }

        await next(context);
    }
}
