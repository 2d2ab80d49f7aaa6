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

namespace CleanVisitors.Application.Users.Commands.CreateUser;

/// <summary>A new user: e-mail address, name, role, an optional phone number (a host is told on WhatsApp) and a password of at least 12 characters.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed record CreateUserCommand(string? Email, string? FullName, string? PhoneNumber, UserRole? Role, string? Password)
    : ICommand<Result<UserDto>>;

public sealed class CreateUserCommandValidator : AbstractValidator<CreateUserCommand>
{
    public CreateUserCommandValidator()
    {
        RuleFor(x => x.Email).ValidEmail();
        RuleFor(x => x.FullName).ValidName();
        RuleFor(x => x.PhoneNumber).OptionalPhoneNumber();
        RuleFor(x => x.Role).NotNull().WithMessage("Is required.").IsInEnum();
        RuleFor(x => x.Password).NotEmpty().WithMessage("Is required.")
            .MinimumLength(Limits.PasswordMinLength).WithMessage($"Must be at least {Limits.PasswordMinLength} characters.")
            .MaximumLength(Limits.PasswordMaxLength).WithMessage($"Must be at most {Limits.PasswordMaxLength} characters.");
    }
}

public sealed class CreateUserCommandHandler(IApplicationDbContext db, IPasswordHasher hasher, ICurrentUser currentUser, TimeProvider time)
    : ICommandHandler<CreateUserCommand, Result<UserDto>>
{
    public async ValueTask<Result<UserDto>> Handle(CreateUserCommand command, CancellationToken cancellationToken)
    {
        var email = Email.Create(command.Email).Value;
        if (await db.Users.AnyAsync(u => u.Email.ToLower() == email.Normalized, cancellationToken))
        {
            return UserErrors.EmailExists();
        }

        var phone = string.IsNullOrEmpty(command.PhoneNumber) ? null : PhoneNumberParser.Parse(command.PhoneNumber).Value;
        var user = User.Create(email, command.FullName!, phone, command.Role!.Value, hasher.Hash(command.Password!), currentUser.Id, time.GetUtcNow());
        db.Users.Add(user);
        var saved = await db.TrySaveChangesAsync(_ => UserErrors.EmailExists(), cancellationToken);
        return saved.Then<UserDto>(() => UserDto.From(user));
    }
}
