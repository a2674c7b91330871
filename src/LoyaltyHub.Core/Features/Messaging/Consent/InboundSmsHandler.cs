using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoyaltyHub.Core.Features.Messaging.Consent;

/// <summary>
/// STOP and START by SMS (SPEC §10), for the tenant whose number or webhook received the message.
/// STOP suppresses the number for that tenant and withdraws the SMS consent of that tenant's
/// customers with that number; START lifts the suppression and grants SMS consent again: the
/// customer asked for it in so many words, from that very phone, which is consent as clear as a
/// ticked box; the log row (source "SMS START") records how it was given. Each consent change goes
/// through <see cref="CustomerService.ChangeConsentAsync"/>, the portal's own path, so each writes
/// its consent-log row. Other tenants' customers with the same number are never touched.
/// </summary>
internal sealed partial class InboundSmsHandler(TenantScopeFactory scopes, ISuppressionList suppressions, ILogger<InboundSmsHandler> logger)
    : IInboundSmsHandler
{
    public async Task HandleAsync(Guid tenantId, string fromNumber, string body, CancellationToken cancellationToken)
    {
        var keyword = SmsKeywords.Parse(body);
        if (keyword == SmsKeyword.None)
        {
            // Replies that are not keywords wait for the customer-service inbox (SPEC §13); only the fact is logged, not the text.
            LogIgnored(tenantId, body?.Length ?? 0);
            return;
        }

        if (!PhoneNumbers.TryNormalize(fromNumber, null, out var phone, out _))
        {
            LogBadNumber(tenantId);
            return;
        }

        // Suppression first: should a consent write fail, the number is already safe from offers.
        if (keyword == SmsKeyword.Stop)
        {
            await suppressions.SuppressAsync(tenantId, MessageChannel.Sms, phone, "replied " + SmsKeywords.Normalize(body), ConsentSources.SmsStop, cancellationToken);
        }
        else
        {
            await suppressions.LiftAsync(tenantId, MessageChannel.Sms, phone, ConsentSources.SmsStart, cancellationToken);
        }

        await using var scope = scopes.CreateScope(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var customerIds = await db.Customers.Where(c => c.Phone == phone && c.Status == CustomerStatus.Active).Select(c => c.Id).ToListAsync(cancellationToken);
        var customers = scope.ServiceProvider.GetRequiredService<CustomerService>();
        var granted = keyword == SmsKeyword.Start;
        foreach (var id in customerIds)
        {
            await customers.ChangeConsentAsync(id, ConsentChannel.Sms, granted, granted ? ConsentSources.SmsStart : ConsentSources.SmsStop,
                SystemActor.Instance, cancellationToken);
        }

        LogApplied(tenantId, keyword, customerIds.Count);
    }

    [LoggerMessage(LogLevel.Information, "Inbound SMS for tenant {TenantId} is not a keyword ({Length} characters): ignored.")]
    private partial void LogIgnored(Guid tenantId, int length);

    [LoggerMessage(LogLevel.Warning, "Inbound SMS keyword for tenant {TenantId} from a number that is not a phone number: ignored.")]
    private partial void LogBadNumber(Guid tenantId);

    [LoggerMessage(LogLevel.Information, "Inbound SMS {Keyword} for tenant {TenantId}: {Customers} customer(s) updated.")]
    private partial void LogApplied(Guid tenantId, SmsKeyword keyword, int customers);
}

/// <summary>Consent changes nobody signed in made (a link, a keyword): "by the system" in the log.</summary>
internal static class SystemActor
{
    public static CustomerActor Instance { get; } = new(null, "system", null);
}
