namespace LoyaltyHub.Core.Common;

public static class TextValues
{
    /// <summary>The trimmed text, or null when there is none: how optional form and API fields are stored.</summary>
    public static string? TrimOrNull(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
