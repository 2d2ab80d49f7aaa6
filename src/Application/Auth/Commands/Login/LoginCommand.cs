using System.ComponentModel.DataAnnotations;
using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Telemetry;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Users;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Application.Auth.Commands.Login;

/// <summary>An e-mail address and a password.</summary>
[AllowAnonymous]
public sealed record LoginCommand(string? Email, string? Password) : ICommand<Result<LoginResponse>>;

/// <summary>A signed-in session: the bearer access token and when it expires, the refresh token and when it expires, and the user.</summary>
public sealed record LoginResponse([property: MaxLength(LoginResponse.AccessTokenMaxLength)] string AccessToken, [property: MaxLength(16)] string TokenType, DateTimeOffset ExpiresAt, [property: MaxLength(Limits.RefreshTokenMaxLength)] string RefreshToken, DateTimeOffset RefreshExpiresAt, LoginUser User)
{
    /// <summary>Longer than any access token this service signs (its claims are bounded: ids, a role, an e-mail address).</summary>
    public const int AccessTokenMaxLength = 2048;
}

/// <summary>The user who signed in.</summary>
public sealed record LoginUser(Guid Id, [property: MaxLength(Limits.EmailMaxLength)] string Email, [property: MaxLength(Limits.NameMaxLength)] string FullName, UserRole Role);

public sealed class LoginCommandValidator : AbstractValidator<LoginCommand>
{
    public LoginCommandValidator()
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage("Is required.").MaximumLength(Limits.EmailMaxLength);
        RuleFor(x => x.Password).NotEmpty().WithMessage("Is required.").MaximumLength(Limits.PasswordMaxLength);
    }
}

public sealed class LoginCommandHandler(
    IApplicationDbContext db, IPasswordHasher hasher, ITokenService tokens, IOptions<AuthOptions> options, ApplicationMetrics metrics, TimeProvider time)
    : ICommandHandler<LoginCommand, Result<LoginResponse>>
{
    private static readonly Error InvalidCredentials = Error.Unauthorized("auth.invalid_credentials", "The e-mail address or password is wrong.");

    public async ValueTask<Result<LoginResponse>> Handle(LoginCommand command, CancellationToken cancellationToken)
    {
        var email = Email.ForComparison(command.Email!);
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Email.ToLower() == email)
            .Select(u => new { u.Id, u.Email, u.FullName, u.Role, u.PasswordHash, u.IsActive, u.SecurityStamp })
            .FirstOrDefaultAsync(cancellationToken);

        // Verify even for an unknown e-mail, so the answer takes the same time either way.
        var passwordOk = hasher.Verify(user?.PasswordHash, command.Password!);
        if (user is null || !passwordOk || !user.IsActive)
        {
            // The client hears one answer whatever went wrong; operators see which (a wave of unknown users is stuffing).
            metrics.LoginFailed(user is null ? "unknown_user" : !passwordOk ? "wrong_password" : "inactive_user");
            return InvalidCredentials;
        }

        // A new sign-in: the first refresh token of its own family.
        var (refresh, raw) = RefreshToken.StartFamily(user.Id, user.SecurityStamp, options.Value.RefreshTokenLifetime, time.GetUtcNow());
        db.RefreshTokens.Add(refresh);
        await db.SaveChangesAsync(cancellationToken);
        return Sessions.Answer(tokens, new LoginUser(user.Id, user.Email, user.FullName, user.Role), user.SecurityStamp, refresh, raw);
    }
}
