using System.Security.Cryptography;
using LoyaltyHub.Core.Features.Messaging;
using LoyaltyHub.Core.Features.Messaging.Consent;
using Microsoft.AspNetCore.WebUtilities;

namespace LoyaltyHub.UnitTests.Features.Messaging;

public sealed class UnsubscribeTokensTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly Guid Tenant = Guid.NewGuid();
    private static readonly DateTimeOffset Issued = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_customer_token_round_trips_and_is_url_safe_and_short()
    {
        var claim = UnsubscribeClaim.ForCustomer(Tenant, 123_456, MessageChannel.Email, Issued);

        var token = UnsubscribeTokens.Create(claim, 7, Key);

        Assert.Equal(claim, UnsubscribeTokens.Verify(token, Key));
        Assert.True(UnsubscribeTokens.TryReadKeyId(token, out var keyId));
        Assert.Equal(7, keyId);
        Assert.Matches("^[A-Za-z0-9_-]+$", token);
        // 35 bytes of payload + a 16-byte tag, base64url without padding: short enough for an SMS link.
        Assert.Equal(68, token.Length);
    }

    [Fact]
    public void A_recipient_token_round_trips()
    {
        var claim = UnsubscribeClaim.ForRecipient(Tenant, "émile@example.com", MessageChannel.Email, Issued);

        Assert.Equal(claim, UnsubscribeTokens.Verify(UnsubscribeTokens.Create(claim, 1, Key), Key));
    }

    [Fact]
    public void Every_altered_byte_truncation_or_other_key_is_rejected()
    {
        var token = UnsubscribeTokens.Create(UnsubscribeClaim.ForCustomer(Tenant, 42, MessageChannel.Sms, Issued), 1, Key);
        var bytes = WebEncoders.Base64UrlDecode(token);

        for (var i = 0; i < bytes.Length; i++)
        {
            var altered = (byte[])bytes.Clone();
            altered[i] ^= 0x01;
            Assert.Null(UnsubscribeTokens.Verify(WebEncoders.Base64UrlEncode(altered), Key));
        }

        for (var length = 0; length < token.Length; length++)
        {
            Assert.Null(UnsubscribeTokens.Verify(token[..length], Key));
        }

        Assert.Null(UnsubscribeTokens.Verify(token, RandomNumberGenerator.GetBytes(32)));
        Assert.Null(UnsubscribeTokens.Verify(token + "A", Key));
        Assert.Null(UnsubscribeTokens.Verify("not a token!", Key));
        Assert.Null(UnsubscribeTokens.Verify(null, Key));
    }

    [Fact]
    public void Another_tenant_in_the_payload_breaks_the_signature()
    {
        var token = UnsubscribeTokens.Create(UnsubscribeClaim.ForCustomer(Tenant, 42, MessageChannel.Sms, Issued), 1, Key);
        var bytes = WebEncoders.Base64UrlDecode(token);
        Guid.NewGuid().TryWriteBytes(bytes.AsSpan(5, 16));

        Assert.Null(UnsubscribeTokens.Verify(WebEncoders.Base64UrlEncode(bytes), Key));
    }

    [Fact]
    public void Two_tokens_for_different_customers_differ_in_the_tag_not_only_the_id()
    {
        var a = WebEncoders.Base64UrlDecode(UnsubscribeTokens.Create(UnsubscribeClaim.ForCustomer(Tenant, 1, MessageChannel.Sms, Issued), 1, Key));
        var b = WebEncoders.Base64UrlDecode(UnsubscribeTokens.Create(UnsubscribeClaim.ForCustomer(Tenant, 2, MessageChannel.Sms, Issued), 1, Key));

        Assert.False(a.AsSpan(^UnsubscribeTokens.TagBytes).SequenceEqual(b.AsSpan(^UnsubscribeTokens.TagBytes)));
    }
}
