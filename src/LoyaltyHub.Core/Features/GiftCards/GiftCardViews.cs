namespace LoyaltyHub.Core.Features.GiftCards;

public enum GiftCardStatus
{
    Active = 0,
    UsedUp = 1,
    Expired = 2,
}

/// <summary>A row of the manager's gift card list.</summary>
public sealed record GiftCardSummary(
    int Id, string Number, GiftCardKind Kind, string? RecipientName, long BalanceMinor, string Currency,
    DateOnly? ExpiresOn, GiftCardStatus Status);

/// <summary>One ledger movement as the card page shows it.</summary>
public sealed record GiftCardMovement(
    DateTimeOffset When, GiftCardEntryKind Kind, long AmountMinor, string? ShopName, Guid? PurchaseKey);

/// <summary>A card with its balance and history, for the card page and the counter's balance check.</summary>
public sealed record GiftCardDetails(
    GiftCardSummary Card, long InitialAmountMinor, string? RecipientEmail, string? RecipientPhone, string? Message,
    DateTimeOffset CreatedAt, string TimeZone, IReadOnlyList<GiftCardMovement> History);

/// <summary>A successful use: what was taken and what is left.</summary>
public sealed record GiftCardRedemption(string Number, long AmountMinor, long BalanceMinor, string Currency);

/// <summary>A page of the gift card list.</summary>
public sealed record GiftCardPage(IReadOnlyList<GiftCardSummary> Rows, int Total);
