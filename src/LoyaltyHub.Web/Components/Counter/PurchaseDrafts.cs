using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Features.Loyalty;

namespace LoyaltyHub.Web.Components.Counter;

/// <summary>A line as typed at the counter, before it is parsed into a <see cref="PurchaseLineInput"/>.</summary>
public sealed class PurchaseLineDraft
{
    public int? CategoryId { get; set; }

    public int? ProductId { get; set; }

    public int Quantity { get; set; } = 1;

    public string Amount { get; set; } = "";

    /// <summary>The amount the product's price last filled in: while Amount is still that, a new quantity or product refills it.</summary>
    public string? FilledAmount { get; set; }

    public long? AmountMinor => Money.TryParseMinor(Amount, out var minor, out _) ? minor : null;
}

/// <summary>The gift-card part of a payment as typed at the counter.</summary>
public sealed class GiftCardPaymentDraft
{
    public string Number { get; set; } = "";

    public string Amount { get; set; } = "";

    public bool IsEmpty => string.IsNullOrWhiteSpace(Number) && string.IsNullOrWhiteSpace(Amount);
}
