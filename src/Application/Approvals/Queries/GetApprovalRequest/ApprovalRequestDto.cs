namespace CleanVisitors.Application.Approvals.Queries.GetApprovalRequest;

public sealed record ApprovalRequestDto(string VisitorName, string? Company, string Purpose, string SiteName, string When);
