using System.ComponentModel.DataAnnotations;
using LoyaltyHub.Core.Common;

namespace LoyaltyHub.Core.Features.GiftCards;

/// <summary>A gift card sale as the counter or a manager types it.</summary>
public sealed class GiftCardInput
{
    internal const int NameMax = 100, EmailMax = 254, MessageMax = 500, PhoneInputMax = 32;

    private string? email;

    public GiftCardKind Kind { get; set; } = GiftCardKind.Virtual;

    /// <summary>Physical cards only: the number printed on the card.</summary>
    public string? Number { get; set; }

    [Required(ErrorMessage = "Enter the amount.")]
    [MoneyText(Positive = true)]
    public string Amount { get; set; } = "";

    [StringLength(NameMax, ErrorMessage = "The name is at most 100 characters.")]
    public string? RecipientName { get; set; }

    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [StringLength(EmailMax, ErrorMessage = "The email is at most 254 characters.")]
    public string? RecipientEmail
    {
        get => email;
        set => email = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    [StringLength(PhoneInputMax, ErrorMessage = "The phone number is at most 32 characters.")]
    public string? RecipientPhone { get; set; }

    [StringLength(MessageMax, ErrorMessage = "The message is at most 500 characters.")]
    public string? Message { get; set; }

    public DateOnly? ExpiresOn { get; set; }

    public int? BuyerCustomerId { get; set; }
}

/// <summary>Who records a gift-card movement and where.</summary>
public sealed record GiftCardActor(string? UserId, int? ShopId);
