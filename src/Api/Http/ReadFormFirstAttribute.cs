using Microsoft.AspNetCore.Mvc.Filters;

namespace CleanVisitors.Api.Http;

/// <summary>
/// Reads the request form before model binding does. Model binding turns every failure to read the form into a
/// 400 for the field, including the server's body limit cutting off a chunked upload; read here, that failure
/// reaches the exception handler as what it is (413 for too large, 400 for malformed). Runs after
/// <see cref="Microsoft.AspNetCore.Mvc.RequestFormLimitsAttribute"/> (order 900), so the endpoint's form limits apply.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadFormFirstAttribute : Attribute, IAsyncResourceFilter, IOrderedFilter
{
    public int Order => 1000;

    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        if (context.HttpContext.Request.HasFormContentType)
        {
            await context.HttpContext.Request.ReadFormAsync(context.HttpContext.RequestAborted);
        }

        await next();
    }
}
