namespace CleanVisitors.Api.OpenApi;

/// <summary>
/// On a request body type of the API that the controller turns into a command: the command's validators are the body's
/// rules, and the OpenAPI document shows them on the body's fields. On an action: the query or command its parameters
/// become, whose rules the document shows on the parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
internal sealed class ValidatedAsAttribute(Type type) : Attribute
{
    public Type Type { get; } = type;
}
