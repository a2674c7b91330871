using LoyaltyHub.Core.Data;

namespace LoyaltyHub.Core.Features.Customers;

public enum ConsentChannel
{
    Sms = 0,
    Email = 1,
}

/// <summary>
/// One change of a customer's consent (SPEC §10): append-only, so the history can prove what the
/// customer agreed to, when, how and in front of whom. Properties are init-only: a row is never edited.
/// </summary>
public sealed class ConsentLogEntry : ITenantOwned
{
    public long Id { get; init; }

    public Guid TenantId { get; set; }

    public int CustomerId { get; init; }

    public ConsentChannel Channel { get; init; }

    public bool Granted { get; init; }

    public DateTimeOffset At { get; init; }

    /// <summary>One of <see cref="ConsentSources"/>.</summary>
    public required string Source { get; init; }

    /// <summary>The login that recorded it (staff, manager or the customer); null for the system (e.g. an SMS "STOP").</summary>
    public string? ByUserId { get; init; }

    /// <summary>Who that was, as shown at the time, kept even if the login is later deleted.</summary>
    public required string ByName { get; init; }

    /// <summary>The sentence shown to the customer.</summary>
    public required string Text { get; init; }
}

/// <summary>How a consent was collected; stored as text in the customer and the log.</summary>
public static class ConsentSources
{
    public const string Counter = "counter";
    public const string BackOffice = "back office";

    /// <summary>The customer, on their own portal page.</summary>
    public const string Portal = "portal";

    /// <summary>Withdrawn because the customer closed their account.</summary>
    public const string AccountClosed = "account closed";

    /// <summary>A consent column of a CSV import (only "yes", "true" or "1" grants).</summary>
    public const string Import = "import";

    /// <summary>Given in the merchant's web shop and pushed through the integration API.</summary>
    public const string WebShop = "web shop";

    /// <summary>The unsubscribe page's button or preference centre, reached from a signed link (no login).</summary>
    public const string UnsubscribeLink = "unsubscribe link";

    /// <summary>An RFC 8058 one-click POST from the mail client.</summary>
    public const string OneClick = "one-click";

    /// <summary>The customer replied STOP (or a variant) by SMS.</summary>
    public const string SmsStop = "SMS STOP";

    /// <summary>The customer replied START by SMS: SMS offers again.</summary>
    public const string SmsStart = "SMS START";
}

/// <summary>The sentences shown next to the consent boxes; what is stored is exactly what was shown.</summary>
public static class ConsentTexts
{
    public static string For(ConsentChannel channel, string merchant) => channel == ConsentChannel.Sms
        ? $"I agree to receive offers and news from {merchant} by SMS. I can withdraw at any time."
        : $"I agree to receive offers and news from {merchant} by email. I can withdraw at any time.";

    public static string Withdrawn(ConsentChannel channel, string merchant) => channel == ConsentChannel.Sms
        ? $"I no longer wish to receive offers and news from {merchant} by SMS."
        : $"I no longer wish to receive offers and news from {merchant} by email.";
}
