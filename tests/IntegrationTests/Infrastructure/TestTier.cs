namespace CleanVisitors.IntegrationTests.Infrastructure;

/// <summary>
/// The trait that tells the slow tier from the rest (ADR 015): <c>[Trait(TestTier.Name, TestTier.Slow)]</c> on every test
/// class that starts the API as a real process or stops the broker. They take about two thirds of the suite's CPU;
/// <c>./test.sh --fast</c> leaves them out for the inner loop of a change, and <c>./test.sh</c> (CI, and what "done"
/// means) runs them with everything else. <c>TestTierTests</c> keeps the trait and the classes in step.
/// </summary>
public static class TestTier
{
    public const string Name = "Tier";

    public const string Slow = "Slow";
}
