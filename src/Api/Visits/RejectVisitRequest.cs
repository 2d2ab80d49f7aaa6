using CleanVisitors.Api.OpenApi;
using CleanVisitors.Application.Visits.Commands.RejectVisit;

namespace CleanVisitors.Api.Visits;

/// <summary>Why the visit is rejected; the visitor is told.</summary>
[ValidatedAs(typeof(RejectVisitCommand))]
public sealed record RejectVisitRequest(string? Reason);
