using CleanVisitors.Domain.Common;
using Mediator;

namespace CleanVisitors.UnitTests.Application.Behaviors;

/// <summary>A message whose payload must never reach a log.</summary>
public sealed record RegisterGuestCommand(string FullName, string PhoneNumber) : ICommand<Result<int>>;

public sealed record PingCommand : ICommand<Result>;
