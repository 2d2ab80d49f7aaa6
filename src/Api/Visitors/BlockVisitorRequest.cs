using CleanVisitors.Api.OpenApi;
using CleanVisitors.Application.Visitors.Commands.BlockVisitor;

namespace CleanVisitors.Api.Visitors;

/// <summary>Why the visitor is blocked; kept with the block.</summary>
[ValidatedAs(typeof(BlockVisitorCommand))]
public sealed record BlockVisitorRequest(string? Reason);
