using System.ComponentModel.DataAnnotations;
using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Loyalty;
using LoyaltyHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Messaging.Content;

/// <summary>The editor's preview: the message as sent and, for SMS, what it costs.</summary>
public sealed record TemplatePreview(RenderedMessage Message, SmsMeasure? Sms);

/// <summary>
/// What a preview is rendered with, loaded once: the editor then re-renders on every keystroke
/// without a database round trip.
/// </summary>
public sealed record PreviewContext(TemplateData Data, string? StopMention)
{
    public TemplatePreview Render(TemplateContent content, MessageChannel channel, string language)
    {
        var message = MessageComposer.Render(content, channel, language, Data, StopMention);
        return new TemplatePreview(message, channel == MessageChannel.Sms ? SmsLength.Measure(message.Body) : null);
    }
}

/// <summary>
/// Previews a template being edited with a real customer of the tenant (or sample values), and
/// sends it as a test to a phone or email the manager chooses.
/// </summary>
public sealed class TemplatePreviewService(
    IDbContextFactory<AppDbContext> dbFactory, ITenantContext tenant, MessagingSettingsService settings, ITestMessageSender sender,
    TimeProvider clock)
{
    public const string RecipientField = "Recipient";

    /// <summary>A customer id of another tenant is not found, and the sample values are shown.</summary>
    public async Task<TemplatePreview> PreviewAsync(
        MessageEvent messageEvent, MessageChannel channel, string language, MessageTemplateInput input, int? customerId,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return (await ContextAsync(messageEvent, customerId, cancellationToken)).Render(input.ToContent(), channel, language);
    }

    /// <summary>The values (sample, or the customer's own where one of the tenant is given) and the STOP mention of the event.</summary>
    public async Task<PreviewContext> ContextAsync(MessageEvent messageEvent, int? customerId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var data = await DataAsync(db, customerId, cancellationToken);
        return new PreviewContext(data, (await settings.ViewAsync(cancellationToken)).StopMentionFor(MessageEvents.Get(messageEvent).Kind));
    }

    public async Task<Result> SendTestAsync(
        MessageEvent messageEvent, MessageChannel channel, string language, MessageTemplateInput input, int? customerId, string? recipient,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (MessageTemplateService.Check(messageEvent, channel, input) is { } invalid)
        {
            return invalid;
        }

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var country = await db.Tenants.Where(t => t.Id == tenant.TenantId).Select(t => t.Country).FirstAsync(cancellationToken);
            if (Recipient(channel, recipient, country) is { } error)
            {
                return Result.Fail(RecipientField, error);
            }

            recipient = channel == MessageChannel.Sms && PhoneNumbers.TryNormalize(recipient, country, out var e164, out _) ? e164 : recipient!.Trim();
        }

        var preview = await PreviewAsync(messageEvent, channel, language, input, customerId, cancellationToken);
        var message = preview.Message;
        // A test goes to the merchant's own phone or mailbox: sent even when live mode is off (SPEC §7).
        return await sender.SendAsync(new QueuedMessageRequest(channel, MessageKind.MerchantAlert, $"test:{Guid.NewGuid():N}", recipient,
            message.Subject, message.Body, message.TextBody)
        {
            CustomerId = customerId,
            Source = "test",
            IsTest = true,
        }, cancellationToken);
    }

    private static string? Recipient(MessageChannel channel, string? recipient, string country)
    {
        if (channel == MessageChannel.Sms)
        {
            return PhoneNumbers.TryNormalize(recipient, country, out _, out var error) ? null : error;
        }

        return string.IsNullOrWhiteSpace(recipient) || recipient.AsSpan().IndexOfAny('\r', '\n') >= 0
            || !new EmailAddressAttribute().IsValid(recipient.Trim())
            ? "Enter a valid email address."
            : null;
    }

    /// <summary>Sample values in the tenant's currency, with the tenant's phone and the chosen customer's own fields.</summary>
    private async Task<TemplateData> DataAsync(AppDbContext db, int? customerId, CancellationToken cancellationToken)
    {
        var merchant = await db.Tenants.Where(t => t.Id == tenant.TenantId)
            .Select(t => new { t.Currency, t.Phone }).FirstAsync(cancellationToken);
        var sample = TemplateData.Sample(merchant.Currency, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var data = sample with { ShopPhone = merchant.Phone ?? sample.ShopPhone };
        if (customerId is null || await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken) is not { } customer)
        {
            return data;
        }

        var balance = await db.Set<LoyaltyBalance>().Where(b => b.CustomerId == customer.Id).Select(b => (long?)b.Points)
            .FirstOrDefaultAsync(cancellationToken);
        return data.WithCustomer(customer, balance ?? 0);
    }
}
