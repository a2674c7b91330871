using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.Core.Features.Messaging.Consent;

/// <summary>What the unsubscribe page shows for a valid link.</summary>
/// <param name="Recipient">The address or number the link is about, partly masked: links get forwarded.</param>
/// <param name="Sms">SMS offers wanted; null when the link cannot change SMS (no phone, or not a customer's link for SMS).</param>
/// <param name="Email">Email offers wanted; null likewise.</param>
public sealed record UnsubscribeView(string Merchant, MessageChannel Channel, string Recipient, bool? Sms, bool? Email)
{
    /// <summary>Whether the link's own channel is still subscribed (the one button then unsubscribes it).</summary>
    public bool Subscribed => (Channel == MessageChannel.Sms ? Sms : Email) == true;
}

/// <summary>
/// The unsubscribe link's actions (SPEC §10). The token alone decides tenant and subject; a token
/// that does not verify, or names a customer who is not an active customer of the token's tenant,
/// is invalid and changes nothing. A customer's consent changes go through
/// <see cref="CustomerService.ChangeConsentAsync"/> (the path of the portal's preferences), so each
/// writes the consent and its log row "by the system"; a recipient who is not a customer is put on
/// (or taken off) the tenant's suppression list.
/// </summary>
public sealed class UnsubscribeService(UnsubscribeKeyRing keys, TenantScopeFactory scopes, ISuppressionList suppressions)
{
    public Task<UnsubscribeView?> ViewAsync(string? token, CancellationToken cancellationToken = default) =>
        keys.Verify(token) is { } claim ? ViewAsync(claim, cancellationToken) : Task.FromResult<UnsubscribeView?>(null);

    private async Task<UnsubscribeView?> ViewAsync(UnsubscribeClaim claim, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateScope(claim.TenantId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var merchant = await db.Tenants.Where(t => t.Id == claim.TenantId).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken);
        if (merchant is null)
        {
            return null;
        }

        if (claim.CustomerId is not { } customerId)
        {
            var suppressed = await suppressions.IsSuppressedAsync(claim.TenantId, claim.Channel, claim.Recipient!, cancellationToken);
            return new UnsubscribeView(merchant, claim.Channel, Mask(claim.Recipient!),
                claim.Channel == MessageChannel.Sms ? !suppressed : null, claim.Channel == MessageChannel.Email ? !suppressed : null);
        }

        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId && c.Status == CustomerStatus.Active)
            .Select(c => new { c.Phone, c.Email, Sms = c.SmsConsent.Granted, EmailGranted = c.EmailConsent.Granted })
            .FirstOrDefaultAsync(cancellationToken);
        return customer is null
            ? null
            : new UnsubscribeView(merchant, claim.Channel, Mask((claim.Channel == MessageChannel.Sms ? customer.Phone : customer.Email) ?? ""),
                customer.Phone is null ? null : customer.Sms, customer.Email is null ? null : customer.EmailGranted);
    }

    /// <summary>Withdraws the link's channel (the page's one button, a one-click POST); false for an invalid link.</summary>
    public async Task<bool> UnsubscribeAsync(string? token, string source, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        if (keys.Verify(token) is not { } claim)
        {
            return false;
        }

        if (claim.CustomerId is not { } customerId)
        {
            await suppressions.SuppressAsync(claim.TenantId, claim.Channel, claim.Recipient!, "unsubscribed", source, cancellationToken);
            return true;
        }

        await using var scope = scopes.CreateScope(claim.TenantId);
        var customers = scope.ServiceProvider.GetRequiredService<CustomerService>();
        // Not found covers another tenant's customer (the tenant filter) and a closed account.
        var result = await customers.ChangeConsentAsync(customerId, Channel(claim.Channel), false, source, SystemActor.Instance, cancellationToken);
        return result.Succeeded;
    }

    /// <summary>
    /// The preference centre: the wanted state of each channel the link can change (null = not
    /// shown, left alone). Null for an invalid link.
    /// </summary>
    public async Task<Result?> SavePreferencesAsync(string? token, bool sms, bool email, CancellationToken cancellationToken = default)
    {
        if (keys.Verify(token) is not { } claim || await ViewAsync(claim, cancellationToken) is not { } view)
        {
            return null;
        }

        if (claim.CustomerId is not { } customerId)
        {
            if (claim.Channel == MessageChannel.Sms ? sms : email)
            {
                await suppressions.LiftAsync(claim.TenantId, claim.Channel, claim.Recipient!, ConsentSources.UnsubscribeLink, cancellationToken);
            }
            else
            {
                await suppressions.SuppressAsync(claim.TenantId, claim.Channel, claim.Recipient!, "unsubscribed", ConsentSources.UnsubscribeLink, cancellationToken);
            }

            return Result.Ok();
        }

        await using var scope = scopes.CreateScope(claim.TenantId);
        var customers = scope.ServiceProvider.GetRequiredService<CustomerService>();
        foreach (var (channel, shown, wanted) in new[] { (ConsentChannel.Sms, view.Sms, sms), (ConsentChannel.Email, view.Email, email) })
        {
            if (shown is not null && shown != wanted)
            {
                var result = await customers.ChangeConsentAsync(customerId, channel, wanted, ConsentSources.UnsubscribeLink, SystemActor.Instance, cancellationToken);
                if (!result.Succeeded)
                {
                    return result;
                }
            }
        }

        return Result.Ok();
    }

    private static ConsentChannel Channel(MessageChannel channel) => channel == MessageChannel.Sms ? ConsentChannel.Sms : ConsentChannel.Email;

    /// <summary>"alice@example.com" → "al…@example.com"; "+33612345678" → "…5678".</summary>
    internal static string Mask(string recipient)
    {
        var at = recipient.IndexOf('@', StringComparison.Ordinal);
        return at >= 0
            ? recipient[..Math.Min(2, at)] + "…" + recipient[at..]
            : recipient.Length > 4 ? "…" + recipient[^4..] : recipient;
    }
}
