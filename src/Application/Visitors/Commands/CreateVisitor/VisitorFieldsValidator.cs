using CleanVisitors.Application.Common.Validation;
using CleanVisitors.Domain.Common;
using FluentValidation;

namespace CleanVisitors.Application.Visitors.Commands.CreateVisitor;

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
