using LoyaltyHub.Core.Features.Messaging;
using LoyaltyHub.Core.Features.Messaging.Content;
using LoyaltyHub.Core.Features.Messaging.Credits;
using LoyaltyHub.Core.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.Benchmarks;

/// <summary>Readies a merchant's messaging as a real shop's, so the paths measured queue what they queue in production.</summary>
internal static class BenchMerchant
{
    /// <summary>Grants message credits as a platform admin does: without them automatic messages are refused, not queued.</summary>
    public static async Task GrantAsync(IServiceProvider services, Guid tenantId, MessageChannel channel, int credits, CancellationToken ct)
    {
        await using var admin = services.CreateAsyncScope();
        await admin.ServiceProvider.GetRequiredService<CreditService>().GrantAsync(
            tenantId, new CreditGrantInput { Channel = channel, Credits = credits, Reason = "benchmark" }, "bench", ct);
    }

    /// <summary>
    /// Live mode on (off, customer messages are recorded "test, not sent"), and the merchant's
    /// mobile for alerts when given (without one, alerts are skipped).
    /// </summary>
    public static async Task GoLiveAsync(IServiceProvider services, Guid tenantId, string? merchantMobile, CancellationToken ct)
    {
        await using var scope = services.GetRequiredService<TenantScopeFactory>().CreateScope(tenantId);
        var messaging = scope.ServiceProvider.GetRequiredService<MessagingSettingsService>();
        var settings = await messaging.GetAsync(ct);
        settings.LiveMode = true;
        settings.MerchantMobile = merchantMobile ?? settings.MerchantMobile;
        if (await messaging.SaveAsync(settings, ct) is { Succeeded: false } failed)
        {
            throw new InvalidOperationException($"Could not switch the benchmark merchant to live mode: {string.Join(" ", failed.Errors.SelectMany(e => e.Value))}");
        }
    }
}
