using System.Text.Json;
using LoyaltyHub.Core.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace LoyaltyHub.Web.Endpoints;

/// <summary>/health: 200 with a JSON body when the database and the scheduler are up, 503 otherwise.</summary>
internal static class HealthEndpoints
{
    public static IHealthChecksBuilder AddLoyaltyHubHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<SchedulerHealthCheck>("scheduler");

    public static void MapHealth(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteAsync }).AllowAnonymous();

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, cancellationToken: context.RequestAborted);
    }

    private sealed class DatabaseHealthCheck(IDbContextFactory<AppDbContext> dbFactory) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy(db.Database.ProviderName)
                : HealthCheckResult.Unhealthy("The database does not answer.");
        }
    }

    private sealed class SchedulerHealthCheck(ISchedulerFactory schedulers) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            var status = await scheduler.GetStatus(cancellationToken);
            return status == SchedulerStatus.Running
                ? HealthCheckResult.Healthy(scheduler.SchedulerInstanceId)
                : HealthCheckResult.Unhealthy($"The scheduler is {status}.");
        }
    }
}
