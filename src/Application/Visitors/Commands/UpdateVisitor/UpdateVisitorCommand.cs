using CleanVisitors.Application.Common;
using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Persistence;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Application.Visitors.Commands.CreateVisitor;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visitors;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanVisitors.Application.Visitors.Commands.UpdateVisitor;

[Authorize(Roles = Roles.AdminOrReceptionist)]
public sealed record UpdateVisitorCommand(Guid Id, string? FullName, string? PhoneNumber, string? Email, string? Company)
    : ICommand<Result<VisitorDto>>, IVisitorFields;

public sealed class UpdateVisitorCommandValidator : AbstractValidator<UpdateVisitorCommand>
{
    public UpdateVisitorCommandValidator() => RuleFor(x => x).SetValidator(new VisitorFieldsValidator()).OverridePropertyName(string.Empty);
}

public sealed class UpdateVisitorCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider time)
    : ICommandHandler<UpdateVisitorCommand, Result<VisitorDto>>
{
    public async ValueTask<Result<VisitorDto>> Handle(UpdateVisitorCommand command, CancellationToken cancellationToken)
    {
        var visitor = await db.Visitors.FirstOrDefaultAsync(v => v.Id == command.Id, cancellationToken);
        if (visitor is null)
        {
            return VisitorErrors.NotFound(command.Id);
        }

        var phone = PhoneNumberParser.Parse(command.PhoneNumber).Value;
        if (await db.PhoneNumberTakenAsync(phone.Value, visitor.Id, cancellationToken) is { } taken)
        {
            return taken;
        }

        var email = string.IsNullOrEmpty(command.Email) ? null : Email.Create(command.Email).Value;
        var updated = visitor.Update(command.FullName!, phone, email, VisitorFactory.NullIfEmpty(command.Company), currentUser.RequiredId, time.GetUtcNow());
        if (updated.IsFailure)
        {
            return updated.Error;
        }

        var saved = await db.TrySaveChangesAsync(
            constraint => constraint is null ? VisitorErrors.ConcurrentChange(visitor.Id) : VisitorErrors.PhoneNumberExists(Guid.Empty), cancellationToken);
        if (saved.IsFailure)
        {
            return saved.Error.Code == VisitorErrors.ConcurrentChangeCode
                ? saved.Error
                : await db.PhoneNumberTakenAsync(phone.Value, visitor.Id, cancellationToken) ?? saved.Error;
        }

        return VisitorDto.From(visitor);
    }
}
