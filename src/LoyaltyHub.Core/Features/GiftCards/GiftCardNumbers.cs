using System.Diagnostics.CodeAnalysis;
using LoyaltyHub.Core.Features.Customers;

namespace LoyaltyHub.Core.Features.GiftCards;

/// <summary>
/// Gift card numbers follow the loyalty card rules (<see cref="CardNumbers"/>: digits with a Luhn
/// check digit), so a misread digit is refused before any look-up; messages speak of gift cards.
/// </summary>
public static class GiftCardNumbers
{
    public static string Generate() => CardNumbers.Generate();

    public static bool TryNormalize(string? input, [NotNullWhen(true)] out string? number, [NotNullWhen(false)] out string? error)
    {
        if (CardNumbers.TryNormalize(input, out number, out error))
        {
            return true;
        }

        error = error.Replace("A card number", "A gift card number", StringComparison.Ordinal)
            .Replace("This card number", "This gift card number", StringComparison.Ordinal);
        return false;
    }
}
