using LoyaltyHub.Core.Features.Loyalty;

namespace LoyaltyHub.UnitTests.Features.Loyalty;

/// <summary>The expiry job's cutoff: the start of the tenant's current day, in the tenant's time zone.</summary>
public sealed class PointsExpiryJobTests
{
    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Theory]
    // Paris in winter (UTC+1): 00:30 UTC is 01:30 on the 16th there, whose day began at 23:00 UTC.
    [InlineData("Europe/Paris", 2026, 1, 16, 0, 30, 2026, 1, 15, 23)]
    // Paris in summer (UTC+2).
    [InlineData("Europe/Paris", 2026, 7, 16, 0, 30, 2026, 7, 15, 22)]
    // New York (UTC-5): 03:00 UTC on the 16th is still the 15th there, which began at 05:00 UTC.
    [InlineData("America/New_York", 2026, 1, 16, 3, 0, 2026, 1, 15, 5)]
    [InlineData("America/New_York", 2026, 1, 16, 6, 0, 2026, 1, 16, 5)]
    // Santiago jumps from 00:00 to 01:00 on 6 September 2026: that day starts at 01:00 local, 04:00 UTC.
    [InlineData("America/Santiago", 2026, 9, 6, 12, 0, 2026, 9, 6, 4)]
    [InlineData("UTC", 2026, 1, 16, 23, 59, 2026, 1, 16, 0)]
    public void The_cutoff_is_the_start_of_the_tenant_s_current_day(
        string zone, int y, int mo, int d, int h, int mi, int ey, int emo, int ed, int eh)
    {
        var cutoff = PointsExpiryJob.DueBy(Utc(y, mo, d, h, mi), TimeZoneInfo.FindSystemTimeZoneById(zone));

        Assert.Equal(Utc(ey, emo, ed, eh), cutoff);
        Assert.Equal(DateTimeKind.Utc, cutoff.Kind);
    }

    [Fact]
    public void Every_run_of_one_local_day_has_the_same_cutoff()
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var cutoffs = Enumerable.Range(0, 24).Select(h => PointsExpiryJob.DueBy(Utc(2026, 3, 10, 0, 5).AddHours(h), paris)).Distinct().ToList();

        // 00:05 to 22:05 UTC are the 10th in Paris; 23:05 UTC is already the 11th.
        Assert.Equal([Utc(2026, 3, 9, 23), Utc(2026, 3, 10, 23)], cutoffs);
    }
}
