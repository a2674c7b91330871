using LoyaltyHub.Core.Features.Messaging.Consent;

namespace LoyaltyHub.UnitTests.Features.Messaging;

public sealed class SmsKeywordsTests
{
    [Theory]
    [InlineData("STOP")]
    [InlineData("stop")]
    [InlineData("  Stop  ")]
    [InlineData("stop.")]
    [InlineData("STOP!!")]
    [InlineData("stop !\n")]
    [InlineData("StopAll")]
    [InlineData("unsubscribe")]
    [InlineData("Cancel")]
    [InlineData("end")]
    [InlineData("QUIT")]
    [InlineData("arret")]
    [InlineData("arrêt")]
    [InlineData("ARRÊT")]
    [InlineData("Arre\u0302t")] // Ê typed as E + combining circumflex
    [InlineData("stopp")]
    [InlineData("СТОП")]
    [InlineData("Стоп")]
    [InlineData("стоп.")]
    public void Opt_out_keywords_are_recognised(string body) => Assert.Equal(SmsKeyword.Stop, SmsKeywords.Parse(body));

    [Theory]
    [InlineData("START")]
    [InlineData("start.")]
    [InlineData(" Unstop ")]
    public void Opt_in_keywords_are_recognised(string body) => Assert.Equal(SmsKeyword.Start, SmsKeywords.Parse(body));

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("please stop")]
    [InlineData("stop sending me offers")]
    [InlineData("don't stop")]
    [InlineData("STO P")]
    [InlineData("stopper")]
    [InlineData("hello")]
    [InlineData("!stop")]
    [InlineData("starting")]
    public void Other_text_is_not_a_keyword(string? body) => Assert.Equal(SmsKeyword.None, SmsKeywords.Parse(body));
}
