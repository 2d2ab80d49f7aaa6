using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Persistence;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Application.Common.Validation;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Sites;
using FluentValidation;
using Mediator;

namespace CleanVisitors.Application.Sites.Commands.CreateSite;

/// <summary>A new site: its name and its IANA time zone.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed record CreateSiteCommand(string? Name, string? TimeZone) : ICommand<Result<SiteDto>>;

public sealed class CreateSiteCommandValidator : AbstractValidator<CreateSiteCommand>
{
    public CreateSiteCommandValidator()
    {
        RuleFor(x => x.Name).ValidName();
        RuleFor(x => x.TimeZone).NotEmpty().WithMessage("Is required.")
            .MaximumLength(Limits.TimeZoneMaxLength).WithMessage("Must be an IANA time zone such as Europe/Berlin.")
            .Must(Site.IsKnownTimeZone).WithMessage("Must be an IANA time zone such as Europe/Berlin.");
    }
}

public sealed class CreateSiteCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider time)
    : ICommandHandler<CreateSiteCommand, Result<SiteDto>>
{
    public async ValueTask<Result<SiteDto>> Handle(CreateSiteCommand command, CancellationToken cancellationToken) =>
        await Site.Create(command.Name!, command.TimeZone!, isDefault: false, currentUser.Id, time.GetUtcNow())
            .ThenAsync(site => SaveAsync(site, cancellationToken));

    private async Task<Result<SiteDto>> SaveAsync(Site site, CancellationToken cancellationToken)
    {
        db.Sites.Add(site);
        var saved = await db.TrySaveChangesAsync(_ => Error.Conflict("site.name_exists", "A site with this name already exists."), cancellationToken);
        return saved.Then<SiteDto>(() => new SiteDto(site.Id, site.Name, site.TimeZone));
    }
}
