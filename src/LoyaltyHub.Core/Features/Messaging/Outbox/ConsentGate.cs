using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Messaging.Outbox;

/// <summary>
/// The default consent rule (SPEC §7, §10): service messages and merchant alerts always go;
/// a promotional message needs the customer's granted consent for its channel. The customer is the
/// row's customer id, or else the tenant's customer with that phone or email; no customer, no
/// consent; and a suppressed recipient (an SMS STOP, an unsubscribed non-customer) never gets one.
/// </summary>
internal sealed class ConsentGate(IDbContextFactory<AppDbContext> dbFactory, Consent.ISuppressionList suppressions) : IConsentGate
{
    public async Task<bool> MaySendAsync(
        Guid tenantId, MessageChannel channel, MessageKind kind, string recipient, int? customerId, CancellationToken cancellationToken)
    {
        if (kind != MessageKind.Promotional)
        {
            return true;
        }

        if (await suppressions.IsSuppressedAsync(tenantId, channel, recipient, cancellationToken))
        {
            return false;
        }

        // Customer emails are stored lower case (see Customer.Email).
        var email = recipient.ToLowerInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var customers = db.Customers.IgnoreQueryFilters().AsNoTracking().Where(c => c.TenantId == tenantId && c.Status == CustomerStatus.Active);
        customers = customerId is { } id ? customers.Where(c => c.Id == id)
            : channel == MessageChannel.Sms ? customers.Where(c => c.Phone == recipient)
            : customers.Where(c => c.Email == email);
        return channel == MessageChannel.Sms
            ? await customers.AnyAsync(c => c.SmsConsent.Granted, cancellationToken)
            : await customers.AnyAsync(c => c.EmailConsent.Granted, cancellationToken);
    }
}
