using Microsoft.AspNetCore.OutputCaching;

namespace CleanVisitors.Api.OpenApi;

/// <summary>
/// <c>/openapi/v1.json</c> is generated once per process and then served from the output cache. ASP.NET Core generates
/// the document afresh on every request (about 130 ms of CPU for its 370 kB here), and the endpoint is anonymous and not
/// rate limited: a few requests a second kept a core busy. The document is the same for every caller and every request
/// while the process lives, so this policy, unlike the framework's default one, also caches requests that carry an
/// <c>Authorization</c> header and does not vary by host or query: no request can make the service generate it again.
/// Concurrent first requests wait for one generation (locking).
/// </summary>
internal sealed class DocumentCachePolicy : IOutputCachePolicy
{
    public static readonly DocumentCachePolicy Instance = new();

    private DocumentCachePolicy()
    {
    }

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var method = context.HttpContext.Request.Method;
        var cacheable = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = TimeSpan.FromDays(365);
        context.CacheVaryByRules.VaryByHost = false;
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        // Only the document itself, never an error or anything that sets a cookie.
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}
