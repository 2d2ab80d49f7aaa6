using CleanVisitors.Application.Common.Models;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Application.Users;
using CleanVisitors.Application.Users.Commands.CreateUser;
using CleanVisitors.Application.Users.Commands.UpdateUser;
using CleanVisitors.Application.Users.Queries.GetUser;
using CleanVisitors.Application.Users.Queries.ListHosts;
using CleanVisitors.Application.Users.Queries.ListUsers;
using CleanVisitors.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CleanVisitors.Api.Controllers;

[Route("api/users")]
[Authorize(Roles = Roles.Admin)]
public sealed class UsersController(ISender sender) : ApiControllerBase(sender)
{
    [HttpPost]
    [Consumes("application/json")]
    [ProducesResponseType<UserDto>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Create(CreateUserCommand command, CancellationToken cancellationToken) =>
        AnswerCreated(await Sender.Send(command, cancellationToken), nameof(Get), user => new { id = user.Id });

    [HttpGet]
    [ProducesResponseType<PagedList<UserDto>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> List(UserRole? role, string? search, int? page = null, int pageSize = Paging.DefaultPageSize, string? cursor = null, CancellationToken cancellationToken = default) =>
        Answer(await Sender.Send(new ListUsersQuery(role, search, page, pageSize, cursor), cancellationToken));

    [HttpGet("{id}")]
    [ProducesResponseType<UserDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Get(Guid id, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new GetUserQuery(id), cancellationToken));

    [HttpPatch("{id}")]
    [Consumes("application/json")]
    [ProducesResponseType<UserDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Update(Guid id, UpdateUserRequest body, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new UpdateUserCommand(id, body.FullName, body.PhoneNumber, body.Role, body.IsActive), cancellationToken));
}

/// <summary>A partial update: omitted or null fields keep their value.</summary>
public sealed record UpdateUserRequest(string? FullName, string? PhoneNumber, UserRole? Role, bool? IsActive);

[Route("api/hosts")]
[Authorize(Roles = Roles.AdminOrReceptionist)]
public sealed class HostsController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>Active hosts, for picking whom a visitor comes to see.</summary>
    [HttpGet]
    [ProducesResponseType<PagedList<HostDto>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> List(string? search, int? page = null, int pageSize = Paging.DefaultPageSize, string? cursor = null, CancellationToken cancellationToken = default) =>
        Answer(await Sender.Send(new ListHostsQuery(search, page, pageSize, cursor), cancellationToken));
}
