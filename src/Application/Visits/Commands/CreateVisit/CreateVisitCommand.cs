using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Persistence;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Application.Common.Validation;
using CleanVisitors.Application.Visitors.Commands.CreateVisitor;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Users;
using CleanVisitors.Domain.Visitors;
using CleanVisitors.Domain.Visits;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Visits.Commands.CreateVisit;

/// <summary>A visit: exactly one of <c>visitorId</c> or <c>visitor</c>, the host (a Host invites for themselves), the purpose, and for an invitation the expected time.</summary>
[Authorize(Roles = Roles.Any)]
public sealed record CreateVisitCommand(
    Guid? SiteId,
    Guid? VisitorId,
    InlineVisitor? Visitor,
    Guid? HostId,
    string? Purpose,
    DateTimeOffset? ExpectedAt,
    string? Notes) : ICommand<Result<VisitDto>>;

public sealed class CreateVisitCommandValidator : AbstractValidator<CreateVisitCommand>
{
    public CreateVisitCommandValidator(ICurrentUser user, TimeProvider time)
    {
        RuleFor(x => x).Must(x => x.VisitorId.HasValue ^ x.Visitor is not null)
            .WithName("visitor").OverridePropertyName("visitor").WithMessage("Give exactly one of visitorId or visitor.");
        RuleFor(x => x.Visitor!).SetValidator(new VisitorFieldsValidator()).When(x => x.Visitor is not null);
        RuleFor(x => x.Purpose).NotEmpty().WithMessage("Is required.").SingleLineText(Limits.PurposeMaxLength);
        RuleFor(x => x.Notes).MultiLineText(Limits.NotesMaxLength);

        When(_ => user.Role == UserRole.Host, () =>
        {
            RuleFor(x => x.ExpectedAt).NotNull().WithMessage("Is required for an invitation.")
                .Must(at => at >= time.GetUtcNow().AddMinutes(-5)).WithMessage("Must not be in the past.");
            RuleFor(x => x.HostId).Must(id => id is null || id == user.Id).WithMessage("A host invites visitors for themselves only.");
            // A Host names the visitor inline; a stored visitor's id would be a key into the directory (API.md).
            RuleFor(x => x.VisitorId).Null().WithMessage("A host invites with the visitor's name and phone number (visitor), not an id.");
        }).Otherwise(() => RuleFor(x => x.HostId).NotNull().WithMessage("Is required."));
    }
}

public sealed class CreateVisitCommandHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider time)
    : ICommandHandler<CreateVisitCommand, Result<VisitDto>>
{
    // Compiled once (CompiledQuery): a create is the busiest write, and each ordinary LINQ query is rebuilt, hashed
    // and looked up in EF Core's cache on every call.
    private static readonly Func<IApplicationDbContext, Guid, CancellationToken, Task<bool>> SiteExists = CompiledQuery.Create(
        (IApplicationDbContext db, Guid id) => db.Sites.Any(s => s.Id == id));

    private static readonly Func<IApplicationDbContext, CancellationToken, Task<OnlySite?>> FirstSite = CompiledQuery.Create(
        (IApplicationDbContext db) => db.Sites.OrderBy(s => s.Id).Select(s => new OnlySite(s.Id, db.Sites.Count())).FirstOrDefault());

    private static readonly Func<IApplicationDbContext, Guid, CancellationToken, Task<User?>> HostOf = CompiledQuery.Create(
        (IApplicationDbContext db, Guid id) => db.Users.AsNoTracking().FirstOrDefault(u => u.Id == id));

    private static readonly Func<IApplicationDbContext, Guid, CancellationToken, Task<Visitor?>> VisitorOf = CompiledQuery.Create(
        (IApplicationDbContext db, Guid id) => db.Visitors.FirstOrDefault(v => v.Id == id));

    private static readonly Func<IApplicationDbContext, string, CancellationToken, Task<Visitor?>> VisitorWithPhone = CompiledQuery.Create(
        (IApplicationDbContext db, string phoneNumber) => db.Visitors.FirstOrDefault(v => v.PhoneNumber == phoneNumber));

    private static readonly Func<IApplicationDbContext, Guid, CancellationToken, Task<bool>> HasOpenVisit = CompiledQuery.Create(
        (IApplicationDbContext db, Guid visitorId) => db.Visits.Any(v => v.VisitorId == visitorId && VisitStatusMachine.Open.Contains(v.Status)));

    private static readonly Error ConcurrentCreate =
        Error.Conflict("visit.conflict", "The visit could not be saved because of a concurrent change; try again.");

    public async ValueTask<Result<VisitDto>> Handle(CreateVisitCommand command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var siteId = await ResolveSiteAsync(command.SiteId, cancellationToken);
        if (siteId.IsFailure)
        {
            return siteId.Error;
        }

        var hostId = user.Role == UserRole.Host ? user.RequiredId : command.HostId!.Value;
        var host = await HostOf(db, hostId, cancellationToken);
        if (host is null)
        {
            return Error.Validation("hostId", "Must name an active host.");
        }

        var visitor = await ResolveVisitorAsync(command, now, cancellationToken);
        if (visitor.IsFailure)
        {
            return visitor.Error;
        }

        // A visitor created by this request has no visits yet; the unique index stays the guard against a race.
        var (resolved, isNew, invitee) = visitor.Value;
        if (!isNew && await HasOpenVisit(db, resolved.Id, cancellationToken))
        {
            return await RefuseAsync(VisitorErrors.HasOpenVisit(resolved.Id), resolved, now, cancellationToken);
        }

        var purpose = command.Purpose!;
        var notes = string.IsNullOrWhiteSpace(command.Notes) ? null : command.Notes;
        var created = invitee is not null
            ? Visit.Invite(siteId.Value, resolved, invitee, host, purpose, notes, command.ExpectedAt!.Value, BadgeCode.New(), now)
            : Visit.Register(siteId.Value, resolved, host, purpose, notes, command.ExpectedAt, BadgeCode.New(), user.RequiredId, now);
        if (created.IsFailure)
        {
            return created.Error.Type == ErrorType.Conflict
                ? await RefuseAsync(created.Error, resolved, now, cancellationToken)
                : created.Error;
        }

        db.Visits.Add(created.Value);
        var saved = await db.TrySaveChangesAsync(
            constraint => constraint switch
            {
                VisitConstraints.OneOpenVisitPerVisitor => ForCaller(VisitorErrors.HasOpenVisit(resolved.Id)),
                null => VisitorErrors.ConcurrentChange(resolved.Id),
                _ => ConcurrentCreate,
            },
            cancellationToken);
        if (saved.IsFailure)
        {
            // The visitor changed under us (their concurrency token): most often another visit of theirs was just made,
            // else an erasure, a block or an edit, which a retry meets in full.
            return saved.Error.Code == VisitorErrors.ConcurrentChangeCode
                ? await HasOpenVisit(db, resolved.Id, cancellationToken)
                    ? ForCaller(VisitorErrors.HasOpenVisit(resolved.Id))
                    : ForCaller(ConcurrentCreate)
                : saved.Error;
        }

        return created.Value.ToDto(resolved, host, VisitQueries.OnlyHostOf(user));
    }

    /// <summary>
    /// A visit the visitor's state forbids (blocked, erased, an open visit). The front desk gets the precise problem; a Host
    /// gets <see cref="VisitErrors.CannotInvite"/>, which tells nothing about the stored visitor, and the refusal with its
    /// reason goes to the audit log for the front desk instead.
    /// </summary>
    private async Task<Error> RefuseAsync(Error error, Visitor visitor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (user.Role != UserRole.Host)
        {
            return error;
        }

        visitor.RecordRefusedInvitation(user.RequiredId, error.Code, now);
        await db.TrySaveChangesAsync(_ => error, cancellationToken);
        return VisitErrors.CannotInvite;
    }

    private Error ForCaller(Error error) => user.Role == UserRole.Host ? VisitErrors.CannotInvite : error;

    private async Task<Result<Guid>> ResolveSiteAsync(Guid? requested, CancellationToken cancellationToken)
    {
        if (requested is { } id)
        {
            return await SiteExists(db, id, cancellationToken) ? id : Error.Validation("siteId", "Unknown site.");
        }

        return await FirstSite(db, cancellationToken) switch
        {
            null => Error.Validation("siteId", "No site exists yet."),
            { Count: 1 } only => only.Id,
            _ => Error.Validation("siteId", "Is required when more than one site exists."),
        };
    }

    /// <summary>
    /// The visit's visitor: by id, or an inline visitor matched by phone number or created; for a Host's invitation also
    /// the visitor as the Host gave them, which is all that Host is ever shown.
    /// </summary>
    private async Task<Result<(Visitor Visitor, bool IsNew, Invitee? Invitee)>> ResolveVisitorAsync(CreateVisitCommand command, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (command.VisitorId is { } id)
        {
            var existing = await VisitorOf(db, id, cancellationToken);
            return existing is null ? Error.Validation("visitorId", "Unknown visitor.") : (existing, false, null);
        }

        var inline = command.Visitor!;
        var phone = Common.PhoneNumberParser.Parse(inline.PhoneNumber).Value;
        var invitee = user.Role == UserRole.Host
            ? new Invitee(inline.FullName!.Trim(), phone.Value, string.IsNullOrWhiteSpace(inline.Company) ? null : inline.Company.Trim())
            : null;
        var matched = await VisitorWithPhone(db, phone.Value, cancellationToken);
        return matched is not null ? (matched, false, invitee) : (VisitorFactory.Add(db, inline, phone, user.Id, now), true, invitee);
    }

    /// <summary>The first site and how many there are: a visit needs no site id when there is exactly one.</summary>
    private sealed record OnlySite(Guid Id, int Count);
}
