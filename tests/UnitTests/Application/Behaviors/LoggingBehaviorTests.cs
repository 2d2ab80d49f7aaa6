using CleanVisitors.Application.Common.Behaviors;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Domain.Common;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using NSubstitute;

namespace CleanVisitors.UnitTests.Application.Behaviors;

public sealed class LoggingBehaviorTests
{
    private readonly FakeLogger<LoggingBehavior<RegisterGuestCommand, Result<int>>> _logger = new();
    private readonly ICurrentUser _user = Substitute.For<ICurrentUser>();
    private readonly MessageHandlerDelegate<RegisterGuestCommand, Result<int>> _next = Substitute.For<MessageHandlerDelegate<RegisterGuestCommand, Result<int>>>();

    [Fact]
    public async Task Handle_LogsTheRequestNameAndUserIdButNeverThePayload()
    {
        var userId = Guid.NewGuid();
        _user.Id.Returns(userId);
        _next.Invoke(Arg.Any<RegisterGuestCommand>(), Arg.Any<CancellationToken>()).Returns(new ValueTask<Result<int>>(Result<int>.Success(1)));
        var behavior = new LoggingBehavior<RegisterGuestCommand, Result<int>>(_logger, _user);

        await behavior.Handle(new RegisterGuestCommand("Ada Lovelace", "+14155550123"), _next, CancellationToken.None);

        var records = _logger.Collector.GetSnapshot();
        Assert.Contains(records, r => r.Message.Contains(nameof(RegisterGuestCommand), StringComparison.Ordinal) && r.Message.Contains(userId.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(records, r => r.Message.Contains("Ada", StringComparison.Ordinal) || r.Message.Contains("4155550123", StringComparison.Ordinal));
        Assert.DoesNotContain(records, r => r.StructuredState!.Any(p => p.Value?.Contains("Ada", StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task Handle_WhenTheResultIsAnExpectedFailure_LogsItsCodeAtInformation()
    {
        _next.Invoke(Arg.Any<RegisterGuestCommand>(), Arg.Any<CancellationToken>())
            .Returns(new ValueTask<Result<int>>(Result<int>.Failure(Error.NotFound("guest.not_found", "No such guest."))));
        var behavior = new LoggingBehavior<RegisterGuestCommand, Result<int>>(_logger, _user);

        var result = await behavior.Handle(new RegisterGuestCommand("Ada", "+14155550123"), _next, CancellationToken.None);

        Assert.True(result.IsFailure);
        var failure = Assert.Single(_logger.Collector.GetSnapshot(), r => r.Message.Contains("guest.not_found", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, failure.Level);
    }
}
