namespace LoyaltyHub.BrowserTests.Infrastructure;

/// <summary>A back-office login made by a test; every run uses new addresses.</summary>
public sealed record Account(string Company, string Name, string Email, string Password)
{
    /// <summary>8+ characters with upper, lower, digit and special: what the Identity options require.</summary>
    public const string StrongPassword = "Loyal7y!Hub";

    public static string UniqueEmail(string prefix) => $"{prefix}-{Guid.NewGuid():N}@example.test".ToLowerInvariant();

    public static Account NewManager(string label)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        return new($"{label} Bakery {id}", $"{label} Manager", UniqueEmail(label), StrongPassword);
    }
}
