namespace CleanVisitors.Application.Visitors.Commands.CreateVisitor;

public interface IVisitorFields
{
    string? FullName { get; }

    string? PhoneNumber { get; }

    string? Email { get; }

    string? Company { get; }
}
