using System.Reflection;
using CleanVisitors.Domain.Common;

namespace CleanVisitors.Application.Common.Behaviors;

/// <summary>
/// Builds a failed <typeparamref name="TResponse"/> (a <see cref="Result"/> or <see cref="Result{T}"/>) from an
/// <see cref="Error"/>. The delegate is made once per response type, so the pipeline does no per-request reflection.
/// </summary>
internal static class FailureFactory<TResponse>
{
    public static readonly Func<Error, TResponse>? Create = Build();

    private static Func<Error, TResponse>? Build()
    {
        var type = typeof(TResponse);
        if (type == typeof(Result))
        {
            return error => (TResponse)(object)Result.Failure(error);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Result<>))
        {
            var method = type.GetMethod(nameof(Result.Failure), BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly, [typeof(Error)])!;
            return method.CreateDelegate<Func<Error, TResponse>>();
        }

        return null;
    }
}
