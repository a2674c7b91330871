using System.Text;

namespace LoyaltyHub.Core.Features.WebShop;

/// <summary>The API's words for enum values: snake_case of the member name (AwaitingPayment → awaiting_payment).</summary>
public static class WebShopCodes
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum
    {
        var name = value.ToString();
        var text = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }

    /// <summary>Reads a word; null keeps <paramref name="fallback"/>; an unknown word adds a message listing the accepted ones.</summary>
    public static TEnum Parse<TEnum>(string? word, TEnum fallback, string field, IDictionary<string, string[]> errors)
        where TEnum : struct, Enum
    {
        if (word is null)
        {
            return fallback;
        }

        foreach (var value in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Of(value), word.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        errors[field] = [$"Unknown value \"{word}\"; use one of: {string.Join(", ", Enum.GetValues<TEnum>().Select(Of))}."];
        return fallback;
    }
}
