using System.Text.RegularExpressions;

namespace LoyaltyHub.Core.Features.Messaging.Gateways;

/// <summary>
/// What may stand in an SMS "From": an alphanumeric sender name of at most 11 characters with at
/// least one letter (SPEC §7, seed 004's "alpha name"), or a phone number / short code.
/// </summary>
public static partial class SmsSenderId
{
    public const int MaxNameLength = 11;

    public static bool IsValid(string? sender) =>
        sender is not null && (Number().IsMatch(sender) || (Name().IsMatch(sender) && sender.Any(char.IsAsciiLetter)));

    /// <summary>The tenant's sender, else the platform default; null when neither is usable.</summary>
    public static string? Resolve(string? tenantSender, string? platformDefault)
    {
        var sender = string.IsNullOrWhiteSpace(tenantSender) ? platformDefault?.Trim() : tenantSender.Trim();
        return IsValid(sender) ? sender : null;
    }

    internal static GatewayResult Rejection(string? sender) => new(DeliveryOutcome.Rejected,
        Error: $"Invalid SMS sender \"{sender}\": use a name of at most {MaxNameLength} letters or digits, or a number.");

    [GeneratedRegex(@"^\+?[0-9]{3,15}\z")]
    private static partial Regex Number();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9 ]{0,10}\z")]
    private static partial Regex Name();
}
