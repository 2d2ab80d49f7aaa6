using Microsoft.Extensions.DependencyInjection;

namespace CleanVisitors.Application.Common.Authorization;

public static class SystemScopes
{
    /// <summary>A new scope whose requests the system sends (<see cref="SystemCaller"/>).</summary>
    public static AsyncServiceScope CreateSystemScope(this IServiceScopeFactory scopes)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<SystemCaller>().Enter();
        return scope;
    }
}
