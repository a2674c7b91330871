using LoyaltyHub.Core.Features.Loyalty;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace LoyaltyHub.IntegrationTests.Features.Loyalty;

/// <summary>
/// The points expiry job as Quartz runs it (persistent store, the app's DI scope), with the app's
/// clock set by the test: points earned more than the validity ago expire after the end of their
/// day in each tenant's time zone, once.
/// </summary>
public sealed class PointsExpiryJobTests
{
    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_job_expires_lots_after_their_last_day_in_the_tenant_s_zone_and_a_second_run_writes_nothing(string provider)
    {
        var clock = new TestClock(DateTimeOffset.UtcNow);
        await using var app = await TestApp.StartAsync(new TestApp(await TestDatabase.CreateAsync(provider),
            configureServices: services => services.AddSingleton<TimeProvider>(clock)));
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var trigger = Assert.IsAssignableFrom<ICronTrigger>(await scheduler.GetTrigger(PointsExpiryJob.Trigger));
        Assert.Equal(PointsExpiryJob.Schedule, trigger.CronExpressionString);

        // New York (UTC-5) and Tokyo (UTC+9) both earn at 20:00 UTC on 15 January 2025 (12 months' validity).
        var newYork = await LedgerWorld.CreateAsync(app);
        var tokyo = await LedgerWorld.CreateAsync(app);
        await SetZoneAsync(app, newYork, "America/New_York");
        await SetZoneAsync(app, tokyo, "Asia/Tokyo");
        clock.Now = Utc(2025, 1, 15, 20);
        await RecordAsync(newYork, 40_00);
        await RecordAsync(tokyo, 40_00);
        // New York earns again a year later (not due) and spends 10, which FIFO takes from the old lot.
        clock.Now = Utc(2025, 12, 20, 12);
        await RecordAsync(newYork, 25_00);
        Assert.True((await newYork.AdjustAsync(-10)).Succeeded);

        // 03:00 UTC on the 16th: both lots are past their instant (20:00 UTC on the 15th), but it is
        // still the 15th in New York (22:00) and the 16th in Tokyo (12:00): nothing is due yet.
        clock.Now = Utc(2026, 1, 16, 3);
        await RunJobAsync(scheduler);
        Assert.Empty(await ExpiriesAsync(app));
        Assert.Equal((55L, 55L), Points(await newYork.BalancesAsync()));
        Assert.Equal((40L, 40L), Points(await tokyo.BalancesAsync()));

        // 06:00 UTC: New York's 15th ended at 05:00 UTC; what is left of its old lot (30) expires, dated then.
        clock.Now = Utc(2026, 1, 16, 6);
        await RunJobAsync(scheduler);
        var expiries = await ExpiriesAsync(app);
        var expired = Assert.Single(expiries);
        Assert.Equal((newYork.Customer.Id, -30L, Utc(2026, 1, 16, 5).UtcDateTime), (expired.CustomerId, expired.Delta, expired.CreatedAt));
        Assert.Equal((25L, 25L), Points(await newYork.BalancesAsync()));
        Assert.Equal((40L, 40L), Points(await tokyo.BalancesAsync()));

        // Later the same day: nothing new.
        clock.Now = Utc(2026, 1, 16, 6, 30);
        await RunJobAsync(scheduler);
        Assert.Equal(expiries.Select(e => e.Id), (await ExpiriesAsync(app)).Select(e => e.Id));
        Assert.Equal((25L, 25L), Points(await newYork.BalancesAsync()));

        // 16:00 UTC: Tokyo's 16th ended at 15:00 UTC; New York has nothing new.
        clock.Now = Utc(2026, 1, 16, 16);
        await RunJobAsync(scheduler);
        var all = await ExpiriesAsync(app);
        Assert.Equal([(newYork.Customer.Id, -30L), (tokyo.Customer.Id, -40L)], all.Select(e => (e.CustomerId, e.Delta)));
        Assert.Equal((0L, 0L), Points(await tokyo.BalancesAsync()));
        Assert.Equal((25L, 25L), Points(await newYork.BalancesAsync()));
    }

    private static (long Cached, long Ledger) Points((long Cached, long Ledger, long, long) balances) => (balances.Cached, balances.Ledger);

    private static async Task RecordAsync(LedgerWorld world, long amountMinor)
    {
        var result = await world.RecordAsync(world.Purchase(amountMinor));
        Assert.True(result.Succeeded, Accounts.Describe(result.Errors));
    }

    private static Task<int> SetZoneAsync(TestApp app, LedgerWorld world, string zone) =>
        app.QueryAsync(db => db.Tenants.Where(t => t.Id == world.TenantId).ExecuteUpdateAsync(s => s.SetProperty(t => t.TimeZone, zone)));

    private static Task<List<PointEntry>> ExpiriesAsync(TestApp app) =>
        app.QueryAsync(db => db.Set<PointEntry>().IgnoreQueryFilters().AsNoTracking().Where(e => e.Kind == PointKind.Expire).OrderBy(e => e.Id).ToListAsync());

    /// <summary>Fires the job now through the scheduler and waits until it has run; fails on the job's exception.</summary>
    private static async Task RunJobAsync(IScheduler scheduler)
    {
        var listener = new Completion();
        scheduler.ListenerManager.AddJobListener(listener, []);
        try
        {
            await scheduler.TriggerJob(PointsExpiryJob.Key);
            var error = await listener.Done.Task.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Null(error);
        }
        finally
        {
            scheduler.ListenerManager.RemoveJobListener(listener.Name);
        }
    }

    private sealed class Completion : IJobListener
    {
        public TaskCompletionSource<JobExecutionException?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name { get; } = $"expiry-test-{Guid.NewGuid():N}";

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(context);
            if (context.JobDetail.Key.Equals(PointsExpiryJob.Key))
            {
                Done.TrySetResult(jobException);
            }

            return ValueTask.CompletedTask;
        }
    }
}
