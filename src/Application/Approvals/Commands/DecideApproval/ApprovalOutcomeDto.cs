using CleanVisitors.Domain.Visits;

namespace CleanVisitors.Application.Approvals.Commands.DecideApproval;

/// <summary>The visit a decision was recorded for, and its status now.</summary>
public sealed record ApprovalOutcomeDto(Guid VisitId, VisitStatus Status);
