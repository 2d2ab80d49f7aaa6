using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visits;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Approvals;

internal static class ApprovalTokenLookup
{
    /// <summary>Finds a token by the hash of its raw value; the raw value itself is never stored or compared.</summary>
    public static Task<ApprovalToken?> FindAsync(this IApplicationDbContext db, string? rawToken, bool track, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(rawToken) || rawToken.Length > ApprovalToken.RawMaxLength)
        {
            return Task.FromResult<ApprovalToken?>(null);
        }

        var hash = SecretToken.Hash(rawToken);
        var tokens = track ? db.ApprovalTokens : db.ApprovalTokens.AsNoTracking();
        return tokens.FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
    }

    /// <summary>Why a token cannot be used now, or null when it can. A deactivated host's links stop working.</summary>
    public static Error? Refusal(ApprovalToken? token, VisitStatus? status, bool hostIsActive, DateTimeOffset now) => token switch
    {
        null => ApprovalErrors.NotFound,
        _ when !hostIsActive => ApprovalErrors.HostInactive,
        { IsUsed: true } => ApprovalErrors.Used,
        _ when token.IsExpired(now) => ApprovalErrors.Expired,
        _ when status is not VisitStatus.PendingApproval => ApprovalErrors.AlreadyDecided(status ?? VisitStatus.Expired),
        _ => null,
    };
}
