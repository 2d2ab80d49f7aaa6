using CleanVisitors.Application.Visitors.Commands.CreateVisitor;

namespace CleanVisitors.Application.Visits.Commands.CreateVisit;

/// <summary>A visitor given inline: matched by phone number, or created.</summary>
public sealed record InlineVisitor(string? FullName, string? PhoneNumber, string? Email, string? Company) : IVisitorFields;
