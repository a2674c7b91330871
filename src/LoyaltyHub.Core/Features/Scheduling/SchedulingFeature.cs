using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Loyalty;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace LoyaltyHub.Core.Features.Scheduling;

public static class SchedulingFeature
{
    public const string TablePrefix = "qrtz_";

    /// <summary>
    /// Quartz with its persistent ADO store in the app database (tables made by the migrations),
    /// clustered on PostgreSQL so several app instances share the work, and the app's jobs.
    /// </summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services, DatabaseSettings database)
    {
        ArgumentNullException.ThrowIfNull(database);
        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(options =>
            {
                options.InstanceName = "LoyaltyHub";
                options.GenerateInstanceId = true;
            });
            quartz.UseDefaultThreadPool(4);
            // Quartz would take the container's TimeProvider; its triggers, misfires and cluster
            // check-ins must follow the real clock even where the app's clock is a test's.
            quartz.UseTimeProvider(TimeProvider.System);
            quartz.UsePersistentStore(store =>
            {
                store.ConfigureStore(options => options.TablePrefix = TablePrefix);
                store.UseSystemTextJsonSerializer(_ => { });
                if (database.Provider == DatabaseProvider.Postgres)
                {
                    store.UsePostgres(database.ConnectionString);
                    store.UseClustering(clustering => clustering.Enabled = true);
                }
                else
                {
                    store.UseSqlite(database.ConnectionString);
                }
            });
            PointsExpiryJob.Register(quartz);
        });
        services.AddQuartzHostedService(options =>
        {
            options.WaitForJobsToComplete = true;
            options.AwaitApplicationStarted = true;
        });
        return services;
    }
}
