using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Domain.Common;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Auth.Commands.ChangePassword;

/// <summary>
/// The caller's new password (API.md, Auth). The security stamp changes, so every access token issued before stops working
/// (this one's included) and every refresh token issued under the old stamp is refused, which ends the other sign-ins;
/// this sign-in's refresh tokens are restamped in the same save, so the caller refreshes and goes on.
/// </summary>
[Authorize]
public sealed record ChangePasswordCommand(string? CurrentPassword, string? NewPassword) : ICommand<Result>;

public sealed class ChangePasswordCommandValidator : AbstractValidator<ChangePasswordCommand>
{
    public ChangePasswordCommandValidator()
    {
        RuleFor(x => x.CurrentPassword).NotEmpty().WithMessage("Is required.").MaximumLength(Limits.PasswordMaxLength);
        RuleFor(x => x.NewPassword).NotEmpty().WithMessage("Is required.")
            .MinimumLength(Limits.PasswordMinLength).WithMessage($"Must be at least {Limits.PasswordMinLength} characters.")
            .MaximumLength(Limits.PasswordMaxLength).WithMessage($"Must be at most {Limits.PasswordMaxLength} characters.");
    }
}

public sealed class ChangePasswordCommandHandler(IApplicationDbContext db, ICurrentUser caller, IPasswordHasher hasher, TimeProvider time)
    : ICommandHandler<ChangePasswordCommand, Result>
{
    public async ValueTask<Result> Handle(ChangePasswordCommand command, CancellationToken cancellationToken)
    {
        var userId = caller.RequiredId;
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null || !hasher.Verify(user.PasswordHash, command.CurrentPassword!))
        {
            return Error.Validation("currentPassword", "Is not your current password.");
        }

        var now = time.GetUtcNow();
        user.ChangePassword(hasher.Hash(command.NewPassword!), userId, now);
        var session = caller.SessionId;
        var ownTokens = session is { } family
            ? await db.RefreshTokens.Where(t => t.FamilyId == family && t.SpentAt == null && t.RevokedAt == null).ToListAsync(cancellationToken)
            : [];
        foreach (var token in ownTokens)
        {
            token.Restamp(user.SecurityStamp);
        }

        // The other sign-ins' refresh tokens carry the old stamp: their next refresh is refused and ends them (RefreshCommand).
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
