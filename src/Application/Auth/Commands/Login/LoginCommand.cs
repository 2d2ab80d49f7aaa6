using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Users;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Auth.Commands.Login;

public sealed record LoginCommand(string? Email, string? Password) : ICommand<Result<LoginResponse>>;

public sealed record LoginResponse(string AccessToken, string TokenType, DateTimeOffset ExpiresAt, LoginUser User);

public sealed record LoginUser(Guid Id, string Email, string FullName, UserRole Role);

public sealed class LoginCommandValidator : AbstractValidator<LoginCommand>
{
    public LoginCommandValidator()
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage("Is required.").MaximumLength(Limits.EmailMaxLength);
        RuleFor(x => x.Password).NotEmpty().WithMessage("Is required.").MaximumLength(Limits.PasswordMaxLength);
    }
}

public sealed class LoginCommandHandler(IApplicationDbContext db, IPasswordHasher hasher, ITokenService tokens)
    : ICommandHandler<LoginCommand, Result<LoginResponse>>
{
    private static readonly Error InvalidCredentials = Error.Unauthorized("auth.invalid_credentials", "The e-mail address or password is wrong.");

    public async ValueTask<Result<LoginResponse>> Handle(LoginCommand command, CancellationToken cancellationToken)
    {
        var email = command.Email!.Trim().ToLowerInvariant();
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Email.ToLower() == email)
            .Select(u => new { u.Id, u.Email, u.FullName, u.Role, u.PasswordHash, u.IsActive, u.SecurityStamp })
            .FirstOrDefaultAsync(cancellationToken);

        // Verify even for an unknown e-mail, so the answer takes the same time either way.
        var passwordOk = hasher.Verify(user?.PasswordHash, command.Password!);
        if (user is null || !passwordOk || !user.IsActive)
        {
            return InvalidCredentials;
        }

        var token = tokens.Issue(user.Id, user.Role, user.SecurityStamp);
        return new LoginResponse(token.Token, "Bearer", token.ExpiresAt, new LoginUser(user.Id, user.Email, user.FullName, user.Role));
    }
}
