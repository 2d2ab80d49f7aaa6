using CleanVisitors.Application.Common;
using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Persistence;
using CleanVisitors.Application.Common.Security;
using CleanVisitors.Application.Common.Validation;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visitors;
using FluentValidation;
using Mediator;

namespace CleanVisitors.Application.Visitors.Commands.CreateVisitor;

/// <summary>A new visitor: name and phone number, optionally e-mail address and company.</summary>
[Authorize(Roles = Roles.AdminOrReceptionist)]
public sealed record CreateVisitorCommand(string? FullName, string? PhoneNumber, string? Email, string? Company)
    : ICommand<Result<VisitorDto>>, IVisitorFields;

/// <summary>The person fields of a visitor, shared by create, update and a visit's inline visitor.</summary>
public sealed class VisitorFieldsValidator : AbstractValidator<IVisitorFields>
{
    public VisitorFieldsValidator()
    {
        RuleFor(x => x.FullName).ValidName();
        RuleFor(x => x.PhoneNumber).ValidPhoneNumber();
        RuleFor(x => x.Email).OptionalEmail();
        RuleFor(x => x.Company).OptionalName(Limits.CompanyMaxLength);
    }
}

public interface IVisitorFields
{
    string? FullName { get; }

    string? PhoneNumber { get; }

    string? Email { get; }

    string? Company { get; }
}

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
        if (created.IsFailure)
        {
            return created.Error;
        }

        var saved = await db.TrySaveChangesAsync(_ => VisitorErrors.PhoneNumberExists(Guid.Empty), cancellationToken);
        if (saved.IsFailure)
        {
            // Another request registered the number between our check and our insert: name the winner.
            return await db.PhoneNumberTakenAsync(created.Value.PhoneNumber!, created.Value.Id, cancellationToken) ?? saved.Error;
        }

        return VisitorDto.From(created.Value);
    }
}

/// <summary>Creates a visitor from validated fields (and adds it to the context).</summary>
public static class VisitorFactory
{
    /// <summary>Refuses a phone number that another visitor holds.</summary>
    public static async Task<Result<Visitor>> CreateAsync(IApplicationDbContext db, IVisitorFields fields, Guid? actorId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var phone = PhoneNumberParser.Parse(fields.PhoneNumber).Value;
        if (await db.PhoneNumberTakenAsync(phone.Value, null, cancellationToken) is { } taken)
        {
            return taken;
        }

        return Add(db, fields, phone, actorId, now);
    }

    /// <summary>For a caller that has just looked the number up itself; the unique index refuses a number taken since.</summary>
    public static Visitor Add(IApplicationDbContext db, IVisitorFields fields, PhoneNumber phone, Guid? actorId, DateTimeOffset now)
    {
        var email = string.IsNullOrEmpty(fields.Email) ? null : Email.Create(fields.Email).Value;
        var visitor = Visitor.Create(fields.FullName!, phone, email, NullIfEmpty(fields.Company), actorId, now);
        db.Visitors.Add(visitor);
        return visitor;
    }

    internal static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
