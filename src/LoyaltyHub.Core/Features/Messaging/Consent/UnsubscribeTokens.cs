using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace LoyaltyHub.Core.Features.Messaging.Consent;

/// <summary>
/// What an unsubscribe link stands for: a tenant's customer (or a bare recipient who is not a
/// customer) on one channel. The tenant comes from here, never from the request.
/// </summary>
public sealed record UnsubscribeClaim(Guid TenantId, MessageChannel Channel, int? CustomerId, string? Recipient, DateTimeOffset IssuedAt)
{
    public static UnsubscribeClaim ForCustomer(Guid tenantId, int customerId, MessageChannel channel, DateTimeOffset issuedAt) =>
        new(tenantId, channel, customerId, null, issuedAt);

    public static UnsubscribeClaim ForRecipient(Guid tenantId, string recipient, MessageChannel channel, DateTimeOffset issuedAt) =>
        new(tenantId, channel, null, recipient, issuedAt);
}

/// <summary>
/// The token of an unsubscribe link: a compact binary payload and its HMAC-SHA256, in URL-safe
/// base64 (no padding). Layout: version (1 byte) · key id (4) · tenant id (16) · channel (1) ·
/// issued at, Unix seconds (8) · subject kind (1) · customer id (4) or recipient (UTF-8) · tag (16).
/// The tag is the HMAC truncated to 128 bits, which keeps SMS links short while a forgery still
/// needs 2^128 guesses; the keys themselves are 256 bits. Tags are compared in constant time.
/// </summary>
public static class UnsubscribeTokens
{
    public const int TagBytes = 16;
    public const int MaxRecipientBytes = 254;

    private const byte Version = 1;
    private const byte CustomerSubject = 1;
    private const byte RecipientSubject = 2;
    private const int HeaderBytes = 1 + 4 + 16 + 1 + 8 + 1;

    public static string Create(UnsubscribeClaim claim, int keyId, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var subject = claim.CustomerId is null ? Encoding.UTF8.GetBytes(claim.Recipient ?? "") : new byte[4];
        if (claim.CustomerId is { } customerId)
        {
            BinaryPrimitives.WriteInt32BigEndian(subject, customerId);
        }
        else if (subject.Length is 0 or > MaxRecipientBytes)
        {
            throw new ArgumentException("An unsubscribe link names a customer or a recipient of at most 254 bytes.", nameof(claim));
        }

        var token = new byte[HeaderBytes + subject.Length + TagBytes];
        var span = token.AsSpan();
        span[0] = Version;
        BinaryPrimitives.WriteInt32BigEndian(span[1..], keyId);
        claim.TenantId.TryWriteBytes(span[5..21]);
        span[21] = (byte)claim.Channel;
        BinaryPrimitives.WriteInt64BigEndian(span[22..], claim.IssuedAt.ToUnixTimeSeconds());
        span[30] = claim.CustomerId is null ? RecipientSubject : CustomerSubject;
        subject.CopyTo(span[HeaderBytes..]);
        var payloadLength = token.Length - TagBytes;
        Tag(key, span[..payloadLength], span[payloadLength..]);
        return WebEncoders.Base64UrlEncode(token);
    }

    /// <summary>The key id a token claims, so the ring can find the key; false when it is not even shaped like a token.</summary>
    public static bool TryReadKeyId(string? token, out int keyId)
    {
        keyId = 0;
        var bytes = Decode(token);
        if (bytes is null)
        {
            return false;
        }

        keyId = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1));
        return true;
    }

    /// <summary>
    /// The claim of <paramref name="token"/> when <paramref name="key"/> signed it; null for a
    /// token that is forged, altered, truncated or signed by another key.
    /// </summary>
    public static UnsubscribeClaim? Verify(string? token, ReadOnlySpan<byte> key)
    {
        var bytes = Decode(token);
        if (bytes is null)
        {
            return null;
        }

        var span = bytes.AsSpan();
        var payloadLength = bytes.Length - TagBytes;
        Span<byte> expected = stackalloc byte[TagBytes];
        Tag(key, span[..payloadLength], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, span[payloadLength..]))
        {
            return null;
        }

        var channel = (MessageChannel)span[21];
        var subject = span[HeaderBytes..payloadLength];
        if (!Enum.IsDefined(channel))
        {
            return null;
        }

        var tenantId = new Guid(span[5..21]);
        // Only a key holder can write this field; the clamp merely keeps a bad key's output from throwing.
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(BinaryPrimitives.ReadInt64BigEndian(span[22..]), 0, 253_402_300_799));
        return span[30] switch
        {
            CustomerSubject when subject.Length == 4 =>
                UnsubscribeClaim.ForCustomer(tenantId, BinaryPrimitives.ReadInt32BigEndian(subject), channel, issuedAt),
            RecipientSubject when subject.Length > 0 =>
                UnsubscribeClaim.ForRecipient(tenantId, Encoding.UTF8.GetString(subject), channel, issuedAt),
            _ => null,
        };
    }

    private static byte[]? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 512)
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = WebEncoders.Base64UrlDecode(token);
        }
        catch (FormatException)
        {
            return null;
        }

        return bytes.Length >= HeaderBytes + 1 + TagBytes && bytes[0] == Version ? bytes : null;
    }

    private static void Tag(ReadOnlySpan<byte> key, ReadOnlySpan<byte> payload, Span<byte> tag)
    {
        Span<byte> full = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, payload, full);
        full[..TagBytes].CopyTo(tag);
    }
}
