using CleanVisitors.Api.OpenApi;
using CleanVisitors.Application.Visitors.Commands.UpdateVisitor;

namespace CleanVisitors.Api.Visitors;

/// <summary>The visitor's fields; PUT replaces them all (an optional field left out is cleared).</summary>
[ValidatedAs(typeof(UpdateVisitorCommand))]
public sealed record UpdateVisitorRequest(string? FullName, string? PhoneNumber, string? Email, string? Company);
