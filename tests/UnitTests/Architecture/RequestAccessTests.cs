using System.Reflection;
using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Domain.Common;
using Mediator;

namespace CleanVisitors.UnitTests.Architecture;

/// <summary>
/// Every command and query says who may send it, so that <c>AuthorizationBehavior</c> can hold every caller to it:
/// <c>[Authorize(Roles = …)]</c> or <c>[Authorize]</c> (a signed-in user), <c>[AllowAnonymous]</c> (anyone; the request
/// carries its own credential) or <c>[SystemOperation]</c> (the service itself). Exactly one of them.
/// </summary>
public sealed class RequestAccessTests
{
    private static readonly Assembly Application = typeof(CleanVisitors.Application.DependencyInjection).Assembly;

    private static List<Type> Requests() => [.. Application.GetTypes().Where(SentRequests.IsRequest).OrderBy(t => t.Name, StringComparer.Ordinal)];

    [Fact]
    public void EveryRequest_SaysWhoMaySendIt_Once()
    {
        Assert.True(Requests().Count > 30, "Found too few requests: the scan is looking in the wrong place.");

        var undeclared = Requests().Where(request => RequestAccess.Of(request) is null).Select(request => request.Name).ToList();

        Assert.True(undeclared.Count == 0,
            "Mark each of these with exactly one of [Authorize(Roles = …)], [Authorize], [AllowAnonymous] or [SystemOperation]: " + string.Join(", ", undeclared));
    }

    [Fact]
    public void EveryRequest_NamesRolesThatExist()
    {
        var wrong = new List<string>();
        foreach (var request in Requests())
        {
            try
            {
                RequestAccess.Of(request);
            }
            catch (InvalidOperationException ex)
            {
                wrong.Add(ex.Message);
            }
        }

        Assert.True(wrong.Count == 0, string.Join(" ", wrong));
    }

    [Fact]
    public void EveryRequest_AnswersAResult_SoThatARefusalIsAnAnswer()
    {
        var others = Requests()
            .Where(request => !request.GetInterfaces().Any(i => i.IsGenericType
                && (i.GetGenericTypeDefinition() == typeof(ICommand<>) || i.GetGenericTypeDefinition() == typeof(IQuery<>))
                && typeof(Result).IsAssignableFrom(i.GetGenericArguments()[0])))
            .Select(request => request.Name)
            .ToList();

        Assert.True(others.Count == 0, "These answer something else than a Result: " + string.Join(", ", others));
    }
}
