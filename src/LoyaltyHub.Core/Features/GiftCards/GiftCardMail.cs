using System.Net;
using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Mail;

namespace LoyaltyHub.Core.Features.GiftCards;

/// <summary>The email that delivers a virtual gift card. Every value placed in HTML is encoded.</summary>
internal static class GiftCardMail
{
    public static OutgoingMail Compose(GiftCard card, string merchant, Guid? tenantId)
    {
        var amount = Money.Format(card.InitialAmountMinor, card.Currency);
        var number = CardNumbers.Display(card.Number);
        var greeting = card.RecipientName is null ? "Hello," : $"Hello {card.RecipientName},";
        var expiry = card.ExpiresOn is { } e ? $"Valid until {e:yyyy-MM-dd}." : "";
        var html = $"""
            <div style="font-family:Arial,Helvetica,sans-serif;max-width:560px;margin:auto;color:#222">
              <p>{WebUtility.HtmlEncode(greeting)}</p>
              <p>You received a gift card of <strong>{WebUtility.HtmlEncode(amount)}</strong> from {WebUtility.HtmlEncode(merchant)}.</p>
              {(card.Message is null ? "" : $"<blockquote>{WebUtility.HtmlEncode(card.Message)}</blockquote>")}
              <p style="font-size:20px;letter-spacing:2px">{WebUtility.HtmlEncode(number)}</p>
              <p>Show this number at the counter. {WebUtility.HtmlEncode(expiry)}</p>
            </div>
            """;
        var text = $"{greeting}\n\nYou received a gift card of {amount} from {merchant}.\n"
            + (card.Message is null ? "" : $"\n{card.Message}\n")
            + $"\nGift card number: {number}\nShow this number at the counter. {expiry}\n";
        // The merchant name goes into a header: line breaks are removed rather than rejected.
        var subject = $"Your {amount} gift card from {merchant.ReplaceLineEndings(" ")}";
        return new OutgoingMail(card.RecipientEmail!, subject, html, text) { TenantId = tenantId, FromName = merchant.ReplaceLineEndings(" ") };
    }
}
