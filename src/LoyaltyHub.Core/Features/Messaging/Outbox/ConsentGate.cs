using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Messaging.Consent;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Messaging.Outbox;

/// <summary>
/// The default consent rule (SPEC §7, §10): service messages and merchant alerts always go;
/// a promotional message needs the customer's granted consent for its channel. The customer is the
/// row's customer id, or else the tenant's active customers with that phone or email; no customer, no
/// consent; and a suppressed recipient (an SMS STOP, an unsubscribed non-customer) never gets one.
/// </summary>
internal sealed class ConsentGate(IDbContextFactory<AppDbContext> dbFactory) : IConsentGate
{
    public async Task<bool> MaySendAsync(
        Guid tenantId, MessageChannel channel, MessageKind kind, string recipient, int? customerId, CancellationToken cancellationToken) =>
        (await MaySendAsync(tenantId, [new ConsentQuestion(channel, kind, recipient, customerId)], cancellationToken))[0];

    /// <summary>At most four queries for any number of messages: suppressions, customers by id, by phone, by email.</summary>
    public async Task<IReadOnlyList<bool>> MaySendAsync(Guid tenantId, IReadOnlyList<ConsentQuestion> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var answers = messages.Select(m => m.Kind != MessageKind.Promotional).ToArray();
        var promotional = messages.Where(m => m.Kind == MessageKind.Promotional).ToList();
        if (promotional.Count == 0)
        {
            return answers;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var keys = promotional.Select(m => SuppressionList.Normalize(m.Channel, m.Recipient)).Distinct().ToList();
        var suppressed = (await db.Set<Suppression>().IgnoreQueryFilters().AsNoTracking()
                .Where(s => s.TenantId == tenantId && s.LiftedAt == null && keys.Contains(s.Recipient))
                .Select(s => new { s.Channel, s.Recipient })
                .ToListAsync(cancellationToken))
            .Select(s => (s.Channel, s.Recipient)).ToHashSet();

        var customers = db.Customers.IgnoreQueryFilters().AsNoTracking().Where(c => c.TenantId == tenantId && c.Status == CustomerStatus.Active);
        var ids = promotional.Where(m => m.CustomerId is not null).Select(m => m.CustomerId!.Value).Distinct().ToList();
        var byId = ids.Count == 0 ? [] : await customers.Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, Sms = c.SmsConsent.Granted, Email = c.EmailConsent.Granted })
            .ToDictionaryAsync(c => c.Id, c => (c.Sms, c.Email), cancellationToken);
        // Customer emails are stored lower case (see Customer.Email).
        var phones = promotional.Where(m => m.CustomerId is null && m.Channel == MessageChannel.Sms).Select(m => m.Recipient).Distinct().ToList();
        var emails = promotional.Where(m => m.CustomerId is null && m.Channel == MessageChannel.Email).Select(m => m.Recipient.ToLowerInvariant()).Distinct().ToList();
        var consentingPhones = phones.Count == 0 ? [] : (await customers.Where(c => c.SmsConsent.Granted && phones.Contains(c.Phone!))
            .Select(c => c.Phone!).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var consentingEmails = emails.Count == 0 ? [] : (await customers.Where(c => c.EmailConsent.Granted && emails.Contains(c.Email!))
            .Select(c => c.Email!).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);

        for (var i = 0; i < messages.Count; i++)
        {
            var m = messages[i];
            if (m.Kind != MessageKind.Promotional || suppressed.Contains((m.Channel, SuppressionList.Normalize(m.Channel, m.Recipient))))
            {
                continue;
            }

            answers[i] = m.CustomerId is { } id
                ? byId.TryGetValue(id, out var consent) && (m.Channel == MessageChannel.Sms ? consent.Sms : consent.Email)
                : m.Channel == MessageChannel.Sms ? consentingPhones.Contains(m.Recipient) : consentingEmails.Contains(m.Recipient.ToLowerInvariant());
        }

        return answers;
    }
}
