using CleanVisitors.Application.Common.Behaviors;
using CleanVisitors.Domain.Common;
using FluentValidation;
using Mediator;
using NSubstitute;

namespace CleanVisitors.UnitTests.Application.Behaviors;

public sealed class ValidationBehaviorTests
{
    private readonly MessageHandlerDelegate<RegisterGuestCommand, Result<int>> _next = Substitute.For<MessageHandlerDelegate<RegisterGuestCommand, Result<int>>>();

    public ValidationBehaviorTests() =>
        _next.Invoke(Arg.Any<RegisterGuestCommand>(), Arg.Any<CancellationToken>()).Returns(new ValueTask<Result<int>>(Result<int>.Success(42)));

    [Fact]
    public async Task Handle_WhenEveryValidatorPasses_CallsTheHandler()
    {
        var behavior = new ValidationBehavior<RegisterGuestCommand, Result<int>>([Validator(v => v.RuleFor(x => x.FullName).NotEmpty())]);

        var result = await behavior.Handle(new RegisterGuestCommand("Ada", "+14155550123"), _next, CancellationToken.None);

        Assert.Equal(42, result.Value);
        await _next.Received(1).Invoke(Arg.Any<RegisterGuestCommand>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_WhenValidatorsFail_CollectsEveryFailureByFieldAndSkipsTheHandler()
    {
        var behavior = new ValidationBehavior<RegisterGuestCommand, Result<int>>(
        [
            Validator(v =>
            {
                v.RuleFor(x => x.FullName).NotEmpty().WithMessage("Is required.");
                v.RuleFor(x => x.PhoneNumber).Must(p => p.StartsWith('+')).WithMessage("Must start with +.");
            }),
            Validator(v => v.RuleFor(x => x.FullName).MinimumLength(2).WithMessage("Too short.")),
        ]);

        var result = await behavior.Handle(new RegisterGuestCommand(string.Empty, "0123"), _next, CancellationToken.None);

        Assert.True(result.IsFailure);
        Assert.Equal(ErrorType.Validation, result.Error.Type);
        Assert.Equal(["Is required.", "Too short."], result.Error.ValidationErrors!["fullName"]);
        Assert.Equal(["Must start with +."], result.Error.ValidationErrors["phoneNumber"]);
        await _next.DidNotReceiveWithAnyArgs().Invoke(default!, default);
    }

    [Fact]
    public async Task Handle_WithNoValidators_CallsTheHandler()
    {
        var behavior = new ValidationBehavior<RegisterGuestCommand, Result<int>>([]);

        var result = await behavior.Handle(new RegisterGuestCommand(string.Empty, string.Empty), _next, CancellationToken.None);

        Assert.True(result.IsSuccess);
    }

    [Fact]
    public async Task Handle_ForANonGenericResult_ReturnsAFailedResult()
    {
        var next = Substitute.For<MessageHandlerDelegate<PingCommand, Result>>();
        var behavior = new ValidationBehavior<PingCommand, Result>([new InlineValidator<PingCommand> { v => v.RuleFor(x => x).Must(_ => false).OverridePropertyName("ping") }]);

        var result = await behavior.Handle(new PingCommand(), next, CancellationToken.None);

        Assert.True(result.IsFailure);
        Assert.True(result.Error.ValidationErrors!.ContainsKey("ping"));
    }

    [Theory]
    [InlineData("FullName", "fullName")]
    [InlineData("Visitor.PhoneNumber", "visitor.phoneNumber")]
    [InlineData("", "")]
    public void ToCamelCase_TurnsPropertyPathsIntoJsonFieldNames(string property, string expected) =>
        Assert.Equal(expected, ValidationBehavior<RegisterGuestCommand, Result<int>>.ToCamelCase(property));

    private static InlineValidator<RegisterGuestCommand> Validator(Action<InlineValidator<RegisterGuestCommand>> rules)
    {
        var validator = new InlineValidator<RegisterGuestCommand>();
        rules(validator);
        return validator;
    }
}
