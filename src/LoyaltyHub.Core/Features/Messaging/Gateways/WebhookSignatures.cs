using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace LoyaltyHub.Core.Features.Messaging.Gateways;

/// <summary>
/// Twilio's request signature (<c>X-Twilio-Signature</c>): Base64 of HMAC-SHA1, keyed with the
/// account's auth token, over the full URL Twilio called followed by every form field's name and
/// value, sorted by name, with no separators.
/// </summary>
public static class TwilioSignature
{
    public const string Header = "X-Twilio-Signature";

    [SuppressMessage("Security", "CA5350", Justification = "Twilio's signature is defined as HMAC-SHA1; we verify theirs, we choose nothing.")]
    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        ArgumentNullException.ThrowIfNull(authToken);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(form);
        var data = new StringBuilder(url);
        foreach (var (name, value) in form.OrderBy(f => f.Key, StringComparer.Ordinal).ThenBy(f => f.Value, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }

    /// <summary>Constant-time comparison of <paramref name="signature"/> with the expected one.</summary>
    public static bool IsValid(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Compute(authToken, url, form)), Encoding.ASCII.GetBytes(signature));
}

/// <summary>
/// The generic webhook gateway's signature, both ways: <c>X-LoyaltyHub-Signature: sha256=&lt;hex&gt;</c>,
/// HMAC-SHA256 over the raw request body with the configured secret.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-LoyaltyHub-Signature";
    private const string Prefix = "sha256=";

    public static string Compute(string secret, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }

    public static bool IsValid(string secret, ReadOnlySpan<byte> body, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Compute(secret, body)), Encoding.ASCII.GetBytes(signature.Trim().ToLowerInvariant()));
}
