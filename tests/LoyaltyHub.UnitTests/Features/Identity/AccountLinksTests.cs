using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Features.Identity;

namespace LoyaltyHub.UnitTests.Features.Identity;

public sealed class AccountLinksTests
{
    [Theory]
    [InlineData("CfDJ8Abc+/def==")]
    [InlineData("token with spaces & ünïcödé ✓")]
    [InlineData("x")]
    public void Encoded_tokens_decode_to_the_original(string token)
    {
        var code = AccountLinks.EncodeToken(token);

        Assert.Equal(token, AccountLinks.DecodeToken(code));
    }

    [Fact]
    public void Encoded_tokens_are_url_safe()
    {
        const string token = "???>>>??";
        Assert.Equal("Pz8/Pj4+Pz8=", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(token))); // '/', '+' and '=' in plain base64

        var code = AccountLinks.EncodeToken(token);

        Assert.Equal("Pz8_Pj4-Pz8", code);
        Assert.Equal(Uri.EscapeDataString(code), code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("!!!!")]
    [InlineData("abc$def")]
    public void Garbage_decodes_to_null(string? code) => Assert.Null(AccountLinks.DecodeToken(code));

    [Fact]
    public void Confirmation_link_carries_the_user_and_the_encoded_token()
    {
        var link = new FakeLinks().ConfirmEmail("user-1", "tok+en/=");

        Assert.Equal($"https://loyalty.test/Account/ConfirmEmail?userId=user-1&code={AccountLinks.EncodeToken("tok+en/=")}", link);
    }

    private sealed class FakeLinks : IPublicLinks
    {
        public string Absolute(string relativePath) => "https://loyalty.test/" + relativePath;
    }
}
