using System.Globalization;
using System.Text;

namespace LoyaltyHub.Core.Features.Customers;

/// <summary>
/// The normalised text a name search compares: lower case, accents removed, punctuation folded,
/// so "D'Artagnan-Ruiz, Hélène" is found by "dartagnan", "d'art", "D'Artagnan Ruiz H" or
/// "dartagnan-ruiz helene". Stored in <see cref="Customer.SearchName"/> ("last first") and applied to the
/// query the same way, so a prefix search is one indexed LIKE 'x%' range on both databases.
/// </summary>
public static class SearchKeys
{
    public const int MaxLength = 200;

    /// <summary>"Durand", "Alice" → "durand alice".</summary>
    public static string Name(string? lastName, string? firstName)
    {
        var key = $"{Normalize(lastName)} {Normalize(firstName)}".Trim();
        return key.Length > MaxLength ? key[..MaxLength].TrimEnd() : key;
    }

    /// <summary>Lower case without accents; apostrophes dropped; any other punctuation or space run becomes one space.</summary>
    public static string Normalize(string? text)
    {
        var builder = new StringBuilder(text?.Length ?? 0);
        foreach (var c in (text ?? "").Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '’' or 'ʼ')
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                builder.Append(Fold(char.ToLowerInvariant(c)));
            }
            else if (builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }

        return builder.ToString().TrimEnd();
    }

    /// <summary>Letters that do not decompose into a base letter and an accent.</summary>
    private static string Fold(char c) => c switch
    {
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'ł' => "l",
        'đ' => "d",
        'ı' => "i",
        _ => c.ToString(),
    };
}
