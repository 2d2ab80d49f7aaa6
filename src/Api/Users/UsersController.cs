using CleanVisitors.Api.Http;
using CleanVisitors.Api.OpenApi;
using CleanVisitors.Application.Common.Models;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Application.Users;
using CleanVisitors.Application.Users.Commands.CreateUser;
using CleanVisitors.Application.Users.Commands.UpdateUser;
using CleanVisitors.Application.Users.Queries.GetUser;
using CleanVisitors.Application.Users.Queries.ListUsers;
using CleanVisitors.Domain.Users;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CleanVisitors.Api.Users;

[Route("api/users")]
[Authorize(Roles = Roles.Admin)]
public sealed class UsersController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>Create a user</summary>
    /// <remarks>An account for the front desk (Receptionist), a host or an Admin; 409 when the e-mail address is taken.</remarks>
    /// <param name="command">The user.</param>
    [HttpPost(Name = "createUser")]
    [Consumes("application/json")]
    [ProducesResponseType<UserDto>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Create(CreateUserCommand command, CancellationToken cancellationToken) =>
        AnswerCreated(await Sender.Send(command, cancellationToken), nameof(Get), user => new { id = user.Id });

    /// <summary>List users</summary>
    /// <remarks>Users, by name. Paged by <c>page</c> or by <c>cursor</c>.</remarks>
    /// <param name="role">Only users with this role.</param>
    /// <param name="search">Matches name or e-mail address, ignoring case.</param>
    /// <param name="page">The page number, from 1; leave out when sending <c>cursor</c>.</param>
    /// <param name="pageSize">Items per page.</param>
    /// <param name="cursor">The <c>nextCursor</c> of the previous page, for the page after it.</param>
    [HttpGet(Name = "listUsers")]
    [ProducesResponseType<PagedList<UserDto>>(StatusCodes.Status200OK)]
    [ValidatedAs(typeof(ListUsersQuery))]
    public async Task<IActionResult> List(UserRole? role, string? search, int? page = null, int pageSize = Paging.DefaultPageSize, string? cursor = null, CancellationToken cancellationToken = default) =>
        Answer(await Sender.Send(new ListUsersQuery(role, search, page, pageSize, cursor), cancellationToken));

    /// <summary>Get a user</summary>
    /// <remarks>One user.</remarks>
    /// <param name="id">The user's id.</param>
    [HttpGet("{id}", Name = "getUser")]
    [ProducesResponseType<UserDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Get(Guid id, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new GetUserQuery(id), cancellationToken));

    /// <summary>Update a user</summary>
    /// <remarks>A partial update: fields left out or null keep their value. 409 when it would leave no active Admin.</remarks>
    /// <param name="id">The user's id.</param>
    /// <param name="body">The fields to change.</param>
    [HttpPatch("{id}", Name = "updateUser")]
    [Consumes("application/json")]
    [ProducesResponseType<UserDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Update(Guid id, UpdateUserRequest body, CancellationToken cancellationToken) =>
        Answer(await Sender.Send(new UpdateUserCommand(id, body.FullName, body.PhoneNumber, body.Role, body.IsActive), cancellationToken));
}
