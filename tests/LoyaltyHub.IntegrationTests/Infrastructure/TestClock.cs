namespace LoyaltyHub.IntegrationTests.Infrastructure;

/// <summary>
/// The app's clock, set by the test: registered as the app's <see cref="TimeProvider"/>, it dates
/// what the services write and decides what is due. Quartz keeps the real clock (SchedulingFeature).
/// </summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
