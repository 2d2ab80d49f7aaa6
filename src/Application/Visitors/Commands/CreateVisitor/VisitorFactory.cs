using CleanVisitors.Application.Common;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Domain.Common;
using CleanVisitors.Domain.Visitors;

namespace CleanVisitors.Application.Visitors.Commands.CreateVisitor;

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
