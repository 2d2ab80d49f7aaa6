using CleanVisitors.Application.Auth.Commands.Login;
using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Domain.Common;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Application.Auth.Commands.Refresh;

/// <summary>Exchanges a refresh token for a new access token and a new refresh token; the one sent is spent (API.md, Auth).</summary>
[AllowAnonymous]
public sealed record RefreshCommand(string? RefreshToken) : ICommand<Result<LoginResponse>>;

public sealed class RefreshCommandValidator : AbstractValidator<RefreshCommand>
{
    public RefreshCommandValidator() =>
        RuleFor(x => x.RefreshToken).NotEmpty().WithMessage("Is required.").MaximumLength(Limits.RefreshTokenMaxLength).WithMessage("Is not a refresh token.");
}

public sealed class RefreshCommandHandler(IApplicationDbContext db, ITokenService tokens, IOptions<AuthOptions> options, TimeProvider time)
    : ICommandHandler<RefreshCommand, Result<LoginResponse>>
{
    private static readonly Error Refused = Error.Unauthorized("auth.invalid_refresh_token", "The refresh token is not valid any more: sign in again.");

    public async ValueTask<Result<LoginResponse>> Handle(RefreshCommand command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var hash = SecretToken.Hash(command.RefreshToken!);
        var token = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (token is null)
        {
            return Refused;
        }

        if (token.IsSpent)
        {
            // A spent token presented again was copied: whoever holds its successor may be the thief. End the sign-in.
            await Sessions.EndAsync(db, token.FamilyId, now, cancellationToken);
            return Refused;
        }

        var user = await db.Users.AsNoTracking().Where(u => u.Id == token.UserId)
            .Select(u => new { u.Id, u.Email, u.FullName, u.Role, u.IsActive, u.SecurityStamp })
            .FirstOrDefaultAsync(cancellationToken);
        if (!token.IsUsable(now) || user is null || !token.StillMatches(user.IsActive, user.SecurityStamp))
        {
            await Sessions.EndAsync(db, token.FamilyId, now, cancellationToken);
            return Refused;
        }

        // Spent only if nobody spent it in the meantime: of two uses racing, one wins and the other counts as a reuse.
        var spent = await db.RefreshTokens.Where(t => t.Id == token.Id && t.SpentAt == null && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.SpentAt, now), cancellationToken);
        if (spent == 0)
        {
            await Sessions.EndAsync(db, token.FamilyId, now, cancellationToken);
            return Refused;
        }

        var (next, raw) = token.Next(user.SecurityStamp, options.Value.RefreshTokenLifetime, now);
        db.RefreshTokens.Add(next);
        await db.SaveChangesAsync(cancellationToken);
        return Sessions.Answer(tokens, new LoginUser(user.Id, user.Email, user.FullName, user.Role), user.SecurityStamp, next, raw);
    }
}
