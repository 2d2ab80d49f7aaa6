using CleanVisitors.Application.Common;
using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Persistence;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Application.Common.Validation;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Users;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Users.Commands.UpdateUser;

/// <summary>A partial update: null fields keep their value.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed record UpdateUserCommand(Guid Id, string? FullName, string? PhoneNumber, UserRole? Role, bool? IsActive)
    : ICommand<Result<UserDto>>;

public sealed class UpdateUserCommandValidator : AbstractValidator<UpdateUserCommand>
{
    public UpdateUserCommandValidator()
    {
        RuleFor(x => x.FullName).ValidName().When(x => x.FullName is not null);
        RuleFor(x => x.PhoneNumber).OptionalPhoneNumber();
        RuleFor(x => x.Role).IsInEnum();
    }
}

public sealed class UpdateUserCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider time)
    : ICommandHandler<UpdateUserCommand, Result<UserDto>>
{
    public async ValueTask<Result<UserDto>> Handle(UpdateUserCommand command, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == command.Id, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound(command.Id);
        }

        var losesAdmin = user.Role == UserRole.Admin && user.IsActive
            && ((command.Role is { } role && role != UserRole.Admin) || command.IsActive == false);
        if (losesAdmin && !await db.Users.AnyAsync(u => u.Role == UserRole.Admin && u.IsActive && u.Id != user.Id, cancellationToken))
        {
            return UserErrors.LastAdmin();
        }

        var phone = string.IsNullOrEmpty(command.PhoneNumber) ? null : PhoneNumberParser.Parse(command.PhoneNumber).Value;
        user.Update(command.FullName, phone, command.Role, command.IsActive, currentUser.RequiredId, time.GetUtcNow());
        var saved = await db.TrySaveChangesAsync(_ => UserErrors.EmailExists(), cancellationToken);
        return saved.Then<UserDto>(() => UserDto.From(user));
    }
}
