using System.Collections.Concurrent;
using System.Diagnostics;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace LoyaltyHub.IntegrationTests.Features.Scheduling;

/// <summary>A job of the test assembly that records each fire under the run id of its JobDataMap.</summary>
public sealed class ProbeJob : IJob
{
    public const string RunIdKey = "runId";

    public static ConcurrentDictionary<string, DateTimeOffset> Fired { get; } = new();

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        Fired[context.MergedJobDataMap.GetString(RunIdKey)!] = DateTimeOffset.UtcNow;
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Quartz keeps its schedule in the app database (ADO store; clustered on PostgreSQL): a job
/// scheduled by one app instance fires in the next one after a restart.
/// </summary>
public sealed class QuartzPersistenceTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_job_scheduled_before_a_restart_fires_after_it(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var runId = Guid.NewGuid().ToString("N");
        var triggerKey = new TriggerKey(runId, "probe");

        var first = await TestApp.StartAsync(new TestApp(database, ownsDatabase: false));
        try
        {
            var scheduler = await first.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            var job = JobBuilder.Create<ProbeJob>()
                .WithIdentity(runId, "probe")
                .UsingJobData(ProbeJob.RunIdKey, runId)
                .StoreDurably()
                .Build();
            var trigger = TriggerBuilder.Create()
                .WithIdentity(triggerKey)
                .ForJob(job)
                .StartAt(DateTimeOffset.UtcNow.AddSeconds(5))
                .Build();
            await scheduler.ScheduleJob(job, trigger, new ScheduleJobOptions(), CancellationToken.None);

            Assert.NotNull(await scheduler.GetTrigger(triggerKey, CancellationToken.None));
            Assert.Equal(1, await first.QueryAsync(db => db.Database
                .SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM qrtz_triggers WHERE trigger_name = {runId}")
                .SingleAsync()));
        }
        finally
        {
            await first.DisposeAsync();
        }

        Assert.False(ProbeJob.Fired.ContainsKey(runId), "The job fired before the first app stopped; the test proves nothing.");

        await using var second = await TestApp.StartAsync(new TestApp(database, ownsDatabase: false));
        var clock = Stopwatch.StartNew();
        while (!ProbeJob.Fired.ContainsKey(runId) && clock.Elapsed < TimeSpan.FromSeconds(25))
        {
            await Task.Delay(100);
        }

        Assert.True(ProbeJob.Fired.ContainsKey(runId), $"The job did not fire within {clock.Elapsed.TotalSeconds:0} s of the restart.");
    }
}
