using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace CleanVisitors.Api.OpenApi;

/// <summary>
/// Declares the problem responses every action can give, so the document lists each status: 400 (validation), 401/403
/// (auth), 413/415 (body too large, not JSON), 429 (rate limit), 500, 503 (database unreachable, shutting down, overloaded);
/// 404 for every action on an id. <see cref="ApiOperations"/> gives each the one problem schema.
/// </summary>
internal sealed class ProblemResponsesConvention : IActionModelConvention
{
    public void Apply(ActionModel action)
    {
        Add(action, StatusCodes.Status400BadRequest);
        Add(action, StatusCodes.Status429TooManyRequests);
        Add(action, StatusCodes.Status500InternalServerError);
        Add(action, StatusCodes.Status503ServiceUnavailable);
        var attributes = action.Attributes.Concat(action.Controller.Attributes).ToList();
        var anonymous = attributes.OfType<IAllowAnonymous>().Any();
        if (!anonymous)
        {
            Add(action, StatusCodes.Status401Unauthorized);
        }

        if (!anonymous && attributes.OfType<AuthorizeAttribute>().Any(a => !string.IsNullOrEmpty(a.Roles)))
        {
            Add(action, StatusCodes.Status403Forbidden);
        }

        if (action.Attributes.OfType<ConsumesAttribute>().Any())
        {
            Add(action, StatusCodes.Status413PayloadTooLarge);
            Add(action, StatusCodes.Status415UnsupportedMediaType);
        }

        var template = action.Selectors.FirstOrDefault()?.AttributeRouteModel?.Template ?? string.Empty;
        if (template.Contains("{id}", StringComparison.Ordinal) || template.Contains("{badgeCode}", StringComparison.Ordinal))
        {
            Add(action, StatusCodes.Status404NotFound);
        }
    }

    private static void Add(ActionModel action, int status)
    {
        if (!action.Filters.OfType<ProducesResponseTypeAttribute>().Any(p => p.StatusCode == status)
            && !action.Attributes.OfType<ProducesResponseTypeAttribute>().Any(p => p.StatusCode == status))
        {
            action.Filters.Add(new ProducesResponseTypeAttribute(typeof(ProblemDetails), status, ApiOperations.ProblemMediaType));
        }
    }
}
