using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Quartz;
using TimeZones = LoyaltyHub.Core.Common.TimeZones;

namespace LoyaltyHub.Core.Features.Loyalty;

/// <summary>
/// The points expiry of SPEC §12 as a Quartz job. Thin: finds the tenants with earn lots past
/// their expiry and no Expire row yet, and calls <see cref="PointsExpiry"/> for each, in that
/// tenant's own scope.
/// <para>
/// Points stay valid until the end of the day they expire on, in the tenant's time zone: a run
/// expires the lots whose expiry is before the start of the tenant's current day. Tenants' days
/// end at different UTC hours, so the job wakes hourly; each tenant's lots expire in the first
/// run after its midnight, and the other runs of that day find nothing new to write (the cutoff
/// has not moved and every expired lot already has its Expire row).
/// </para>
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class PointsExpiryJob(
    IDbContextFactory<AppDbContext> dbFactory,
    PointsExpiry expiry,
    IEnumerable<IPointsExpiryWarnings> warnings,
    TimeProvider clock,
    ILogger<PointsExpiryJob> logger) : IJob
{
    public static readonly JobKey Key = new("points-expiry", "loyalty");

    public static readonly TriggerKey Trigger = new(Key.Name, Key.Group);

    /// <summary>Every hour at minute 5, UTC.</summary>
    public const string Schedule = "0 5 * * * ?";

    /// <summary>Adds the job and its hourly trigger to the scheduler (the persistent store replaces the stored ones at start).</summary>
    public static void Register(IQuartzBuilder quartz) => quartz.ScheduleJob<PointsExpiryJob>(
        trigger => trigger.WithIdentity(Trigger).WithCronSchedule(Schedule, cron => cron.InTimeZone(TimeZoneInfo.Utc)),
        job => job.WithIdentity(Key));

    /// <summary>
    /// The cutoff of a run at <paramref name="now"/> for a tenant in <paramref name="zone"/>: the start of
    /// the tenant's current day, so a lot expiring at any time of a day stays usable until that day ends.
    /// </summary>
    public static DateTime DueBy(DateTimeOffset now, TimeZoneInfo zone) =>
        TimeZones.StartOfDay(TimeZones.Today(now, zone), zone).UtcDateTime;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var failed = 0;
        foreach (var tenant in await TenantsWithDueLotsAsync(now.UtcDateTime, cancellationToken))
        {
            try
            {
                var points = await expiry.ExpireDueAsync(tenant.Id, DueBy(now, TimeZones.Find(tenant.TimeZone)), cancellationToken);
                if (points > 0)
                {
                    LogExpired(tenant.Id, points);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One tenant's failure must not hold back the others; the next run retries it.
                failed++;
                LogFailed(e, tenant.Id);
            }
        }

        foreach (var warning in warnings)
        {
            await warning.WarnAsync(now, cancellationToken);
        }

        if (failed > 0)
        {
            throw new JobExecutionException($"Points expiry failed for {failed} tenant(s); the next run tries again.");
        }
    }

    /// <summary>
    /// Tenants with an unexpired lot whose expiry has passed: a superset of those with something
    /// due (every tenant's cutoff is at or before now), which <see cref="PointsExpiry"/> narrows.
    /// </summary>
    private async Task<List<DueTenant>> TenantsWithDueLotsAsync(DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // The job acts for no tenant: it reads across tenants here, and acts per tenant through PointsExpiry's scope.
        var entries = db.Set<PointEntry>().IgnoreQueryFilters([TenantModel.FilterName]);
        var tenantIds = entries
            .Where(e => e.Kind == PointKind.Earn && e.ExpiresAt <= now && !entries.Any(x => x.LotId == e.Id))
            .Select(e => e.TenantId).Distinct();
        return await db.Tenants.Where(t => tenantIds.Contains(t.Id)).OrderBy(t => t.Id)
            .Select(t => new DueTenant(t.Id, t.TimeZone)).ToListAsync(cancellationToken);
    }

    private sealed record DueTenant(Guid Id, string TimeZone);

    [LoggerMessage(Level = LogLevel.Information, Message = "Points expiry: {Points} points expired for tenant {TenantId}.")]
    private partial void LogExpired(Guid tenantId, long points);

    [LoggerMessage(Level = LogLevel.Error, Message = "Points expiry failed for tenant {TenantId}; the next run tries again.")]
    private partial void LogFailed(Exception exception, Guid tenantId);
}

/// <summary>
/// The seam for the "points about to expire" messages of SPEC §7 (N days before, default 30),
/// which belong to the messaging feature: <see cref="PointsExpiryJob"/> calls every registered
/// implementation at the end of each run. None is registered until messaging brings one. An
/// implementation finds its own tenants and customers (the lots expiring within N days, see
/// <see cref="PointsFifo.Remaining"/>) and queues each warning once, by its outbox idempotency key.
/// </summary>
public interface IPointsExpiryWarnings
{
    Task WarnAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
