using CleanVisitors.Domain.Common;

namespace CleanVisitors.UnitTests.Domain;

public class ResultTests
{
    private static readonly Error Refused = Error.Conflict("test.refused", "Refused.");
    private static readonly Error Later = Error.Conflict("test.later", "Later.");

    [Fact]
    public void Then_AfterASuccess_RunsTheNextStepWithTheValue()
    {
        Result<int> start = 20;

        var next = start.Then(v => Result<string>.Success($"#{v + 1}"));

        Assert.True(next.IsSuccess);
        Assert.Equal("#21", next.Value);
    }

    [Fact]
    public void Then_AfterAFailure_CarriesItThrough_WithoutRunningTheNextStep()
    {
        Result<int> start = Refused;
        var ran = 0;

        var next = start.Then(v => { ran++; return Result<string>.Success("never"); });
        var plain = start.Then(_ => { ran++; return Result.Success(); });
        var unit = Result.Failure(Refused).Then(() => { ran++; return Result<int>.Success(1); });

        Assert.Equal(0, ran);
        Assert.Same(Refused, next.Error);
        Assert.Same(Refused, plain.Error);
        Assert.Same(Refused, unit.Error);
    }

    [Fact]
    public void Then_ANextStepThatFails_AnswersItsError()
    {
        var next = Result.Success().Then(() => Result.Failure(Later));

        Assert.Same(Later, next.Error);
    }

    [Fact]
    public async Task ThenAsync_RunsOnlyAfterASuccess()
    {
        var ran = 0;
        Result<int> good = 2;
        Result<int> bad = Refused;

        var doubled = await good.ThenAsync(v => { ran++; return Task.FromResult(Result<int>.Success(v * 2)); });
        var skipped = await bad.ThenAsync(v => { ran++; return Task.FromResult(Result<int>.Success(v * 2)); });
        var saved = await Result.Success().ThenAsync(() => { ran++; return Task.FromResult(Result.Failure(Later)); });
        var notSaved = await bad.ThenAsync(_ => { ran++; return Task.FromResult(Result.Success()); });

        Assert.Equal(2, ran);
        Assert.Equal(4, doubled.Value);
        Assert.Same(Refused, skipped.Error);
        Assert.Same(Later, saved.Error);
        Assert.Same(Refused, notSaved.Error);
    }

    [Fact]
    public void Match_AnswersTheBranchOfTheOutcome()
    {
        Result<int> good = 7;
        Result<int> bad = Refused;

        Assert.Equal("value 7", good.Match(v => $"value {v}", e => e.Code));
        Assert.Equal("test.refused", bad.Match(v => $"value {v}", e => e.Code));
        Assert.Equal("ok", Result.Success().Match(() => "ok", e => e.Code));
        Assert.Equal("test.later", Result.Failure(Later).Match(() => "ok", e => e.Code));
    }
}
