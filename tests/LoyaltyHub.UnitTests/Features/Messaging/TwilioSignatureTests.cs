using LoyaltyHub.Core.Features.Messaging.Gateways;

namespace LoyaltyHub.UnitTests.Features.Messaging;

/// <summary>
/// The published example requests of Twilio's own SDK test suites (token, URL, form, signature):
/// if our reading of the algorithm differed in any detail, these would not match.
/// </summary>
public sealed class TwilioSignatureTests
{
    private const string Token = "2bd9e9638872de601313dc77410d3b23";

    private static readonly Dictionary<string, string> SmsRequest = new()
    {
        ["ToState"] = "CA", ["FromState"] = "CA", ["AccountSid"] = "ACba8bc05eacf94afdae398e642c9cc32d",
        ["SmsMessageSid"] = "SM2003cbd5e6a3701999aa3e5f20ff2787", ["Body"] = "Orly", ["From"] = "+14159354345",
        ["FromCity"] = "SAN FRANCISCO", ["SmsStatus"] = "received", ["FromZip"] = "94107", ["FromCountry"] = "US",
        ["To"] = "+14158141819", ["ToCity"] = "SAN FRANCISCO", ["ToZip"] = "94105", ["ToCountry"] = "US",
        ["ApiVersion"] = "2010-04-01", ["SmsSid"] = "SM2003cbd5e6a3701999aa3e5f20ff2787",
    };

    private static readonly Dictionary<string, string> VoiceRequest = new()
    {
        ["ToState"] = "California", ["CalledState"] = "California", ["Direction"] = "inbound", ["FromState"] = "CA",
        ["AccountSid"] = "ACba8bc05eacf94afdae398e642c9cc32d", ["Caller"] = "+14153595711", ["CallerZip"] = "94108",
        ["CallerCountry"] = "US", ["From"] = "+14153595711", ["FromCity"] = "SAN FRANCISCO", ["CallerCity"] = "SAN FRANCISCO",
        ["To"] = "+14157669926", ["FromZip"] = "94108", ["FromCountry"] = "US", ["ToCity"] = "", ["CallStatus"] = "ringing",
        ["CalledCity"] = "", ["CallerState"] = "CA", ["CalledZip"] = "", ["ToZip"] = "", ["ToCountry"] = "US",
        ["CallSid"] = "CA136d09cd59a3c0ec8dbff44da5c03f31", ["CalledCountry"] = "US", ["Called"] = "+14157669926",
        ["ApiVersion"] = "2010-04-01", ["ApplicationSid"] = "AP44efecad51364e80b133bb7c07eb8204",
    };

    [Fact]
    public void Published_sms_example_matches()
    {
        Assert.Equal("mxeiv65lEe0b8L6LdVw2jgJi8yw=", TwilioSignature.Compute(Token, "http://twiliotests.heroku.com/validate/sms", SmsRequest));
        Assert.True(TwilioSignature.IsValid(Token, "http://twiliotests.heroku.com/validate/sms", SmsRequest, "mxeiv65lEe0b8L6LdVw2jgJi8yw="));
    }

    [Fact]
    public void Published_voice_example_with_empty_values_matches()
    {
        Assert.True(TwilioSignature.IsValid(Token, "http://twiliotests.heroku.com/validate/voice", VoiceRequest, "oVb2kXoVy8GEfwBDjR8bk/ZZ6eA="));
    }

    [Fact]
    public void Another_token_url_field_or_no_signature_fails()
    {
        const string url = "http://twiliotests.heroku.com/validate/sms";
        const string signature = "mxeiv65lEe0b8L6LdVw2jgJi8yw=";

        Assert.False(TwilioSignature.IsValid("2bd9e9638872de601313dc77410d3b24", url, SmsRequest, signature));
        Assert.False(TwilioSignature.IsValid(Token, url + "?x=1", SmsRequest, signature));
        Assert.False(TwilioSignature.IsValid(Token, url, new Dictionary<string, string>(SmsRequest) { ["Body"] = "STOP" }, signature));
        Assert.False(TwilioSignature.IsValid(Token, url, SmsRequest, null));
        Assert.False(TwilioSignature.IsValid(Token, url, SmsRequest, ""));
    }
}
