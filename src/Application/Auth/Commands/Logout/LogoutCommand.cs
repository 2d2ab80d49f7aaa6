using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Domain.Common;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Auth.Commands.Logout;

/// <summary>Ends the sign-in the refresh token belongs to: its refresh tokens are revoked (API.md, Auth).</summary>
[Authorize]
public sealed record LogoutCommand(string? RefreshToken) : ICommand<Result>;

public sealed class LogoutCommandValidator : AbstractValidator<LogoutCommand>
{
    public LogoutCommandValidator() =>
        RuleFor(x => x.RefreshToken).NotEmpty().WithMessage("Is required.").MaximumLength(Limits.RefreshTokenMaxLength).WithMessage("Is not a refresh token.");
}

public sealed class LogoutCommandHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider time) : ICommandHandler<LogoutCommand, Result>
{
    public async ValueTask<Result> Handle(LogoutCommand command, CancellationToken cancellationToken)
    {
        var hash = SecretToken.Hash(command.RefreshToken!);
        var userId = user.RequiredId;
        // Only the caller's own sign-ins; any other token is answered the same way, telling nothing about it.
        var familyId = await db.RefreshTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash && t.UserId == userId)
            .Select(t => (Guid?)t.FamilyId)
            .FirstOrDefaultAsync(cancellationToken);
        if (familyId is { } family)
        {
            await Sessions.EndAsync(db, family, time.GetUtcNow(), cancellationToken);
        }

        return Result.Success();
    }
}
