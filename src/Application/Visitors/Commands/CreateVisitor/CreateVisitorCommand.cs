using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Persistence;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visitors;
using FluentValidation;
using Mediator;

namespace CleanVisitors.Application.Visitors.Commands.CreateVisitor;

/// <summary>A new visitor: name and phone number, optionally e-mail address and company.</summary>
[Authorize(Roles = Roles.AdminOrReceptionist)]
public sealed record CreateVisitorCommand(string? FullName, string? PhoneNumber, string? Email, string? Company)
    : ICommand<Result<VisitorDto>>, IVisitorFields;

public sealed class CreateVisitorCommandValidator : AbstractValidator<CreateVisitorCommand>
{
    public CreateVisitorCommandValidator() => RuleFor(x => x).SetValidator(new VisitorFieldsValidator()).OverridePropertyName(string.Empty);
}

public sealed class CreateVisitorCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider time)
    : ICommandHandler<CreateVisitorCommand, Result<VisitorDto>>
{
    public async ValueTask<Result<VisitorDto>> Handle(CreateVisitorCommand command, CancellationToken cancellationToken)
    {
        var created = await VisitorFactory.CreateAsync(db, command, currentUser.Id, time.GetUtcNow(), cancellationToken);
        return await created.ThenAsync(visitor => SaveAsync(visitor, cancellationToken));
    }

    private async Task<Result<VisitorDto>> SaveAsync(Visitor visitor, CancellationToken cancellationToken)
    {
        var saved = await db.TrySaveChangesAsync(_ => VisitorErrors.PhoneNumberExists(Guid.Empty), cancellationToken);
        return saved.IsSuccess
            ? VisitorDto.From(visitor)
            // Another request registered the number between our check and our insert: name the winner.
            : await db.PhoneNumberTakenAsync(visitor.PhoneNumber!, visitor.Id, cancellationToken) ?? saved.Error;
    }
}
