using System.Reflection;
using CleanVisitors.Api.Security;
using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Domain.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Routing;
using AspNetAllowAnonymous = Microsoft.AspNetCore.Authorization.IAllowAnonymous;
using AspNetAuthorizeData = Microsoft.AspNetCore.Authorization.IAuthorizeData;

namespace CleanVisitors.UnitTests.Architecture;

/// <summary>
/// Who may send a request is declared once on the request (<see cref="RequestAccess"/>) and again where it is sent: a
/// controller's <c>[Authorize(Roles = …)]</c> (kept: it answers before a body is read, and the OpenAPI document derives
/// the roles, 401 and 403 from it), the cron trigger's scheme, a consumer or the scheduler (the system). The two must
/// say the same, or one of them is wrong.
/// </summary>
public sealed class RequestSendersTests
{
    private static readonly Assembly Api = typeof(CleanVisitors.Api.DependencyInjection).Assembly;
    private static readonly Assembly Infrastructure = typeof(CleanVisitors.Infrastructure.DependencyInjection).Assembly;

    public static TheoryData<string> Actions() => [.. ControllerActions().Select(a => Name(a.Controller, a.Action))];

    [Theory]
    [MemberData(nameof(Actions))]
    public void Action_AdmitsTheCallersTheRequestItSendsAdmits(string name)
    {
        var (controller, action) = ControllerActions().Single(a => Name(a.Controller, a.Action) == name);

        var sent = SentRequests.Of(action);

        var request = Assert.Single(sent);
        Assert.True(Describe(AccessOf(controller, action)) == Describe(RequestAccess.Of(request)),
            $"{name} admits {Describe(AccessOf(controller, action))}, but the {request.Name} it sends admits {Describe(RequestAccess.Of(request))}.");
    }

    [Fact]
    public void EveryRequestTheInfrastructureSends_IsASystemOperation()
    {
        var sent = Infrastructure.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .Cast<MethodBase>().Concat(type.GetConstructors(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)))
            .Where(method => !method.IsAbstract)
            .SelectMany(SentRequests.Constructed)
            .Where(SentRequests.IsRequest)
            .Distinct()
            .ToList();

        Assert.NotEmpty(sent);
        var notSystem = sent.Where(request => RequestAccess.Of(request)?.Caller != RequestCaller.System).Select(request => request.Name).Order(StringComparer.Ordinal).ToList();
        Assert.True(notSystem.Count == 0,
            "Consumers and the scheduler send as the system, which may send [SystemOperation] requests only: " + string.Join(", ", notSystem));
    }

    /// <summary>The callers an action admits: anyone, the system (the cron secret's scheme), or users of its roles.</summary>
    private static RequestAccess AccessOf(Type controller, MethodInfo action)
    {
        var attributes = action.GetCustomAttributes(inherit: true).Concat(controller.GetCustomAttributes(inherit: true)).ToList();
        var authorize = attributes.OfType<AspNetAuthorizeData>().ToList();
        if (authorize.Any(a => a.AuthenticationSchemes?.Split(',').Contains(CronSecretAuthentication.Scheme, StringComparer.Ordinal) == true))
        {
            return new RequestAccess(RequestCaller.System, null);
        }

        if (attributes.OfType<AspNetAllowAnonymous>().Any())
        {
            return new RequestAccess(RequestCaller.Anyone, null);
        }

        // Every [Authorize(Roles = …)] of the action and its controller must admit the caller: their intersection.
        IEnumerable<string>? roles = null;
        foreach (var named in authorize.Where(a => !string.IsNullOrWhiteSpace(a.Roles)))
        {
            var these = named.Roles!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            roles = roles is null ? these : roles.Intersect(these, StringComparer.Ordinal);
        }

        return new RequestAccess(RequestCaller.User, roles?.Select(role => Enum.Parse<UserRole>(role)).ToHashSet());
    }

    private static string Describe(RequestAccess? access) => access switch
    {
        null => "nobody (it declares no caller)",
        { Caller: RequestCaller.Anyone } => "anyone",
        { Caller: RequestCaller.System } => "the system",
        { Roles: { } roles } => string.Join(", ", roles.Select(r => r.ToString()).Order(StringComparer.Ordinal)),
        _ => "any signed-in user",
    };

    private static IEnumerable<(Type Controller, MethodInfo Action)> ControllerActions() =>
        Api.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && type.IsSubclassOf(typeof(ControllerBase)))
            .SelectMany(type => type.GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.DeclaredOnly)
                .Where(method => method.IsDefined(typeof(HttpMethodAttribute), inherit: true))
                .Select(method => (type, method)));

    private static string Name(Type controller, MethodInfo action) => $"{controller.Name}.{action.Name}";
}
