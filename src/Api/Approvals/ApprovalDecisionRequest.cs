using CleanVisitors.Api.OpenApi;
using CleanVisitors.Application.Approvals.Commands.DecideApproval;

namespace CleanVisitors.Api.Approvals;

/// <summary>The host's decision: <c>approve</c> or <c>reject</c>, with an optional reason for a rejection.</summary>
[ValidatedAs(typeof(DecideApprovalCommand))]
public sealed record ApprovalDecisionRequest(string? Decision, string? Reason);
