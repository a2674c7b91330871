using LoyaltyHub.Core.Features.Mail;

namespace LoyaltyHub.UnitTests.Features.Mail;

public sealed class OutgoingMailTests
{
    private static OutgoingMail Normal() =>
        new("anna@example.com", "Your reward is ready", "<p>Hello</p>\r\n<p>Anna</p>", "Hello\r\nAnna\n")
        {
            FromName = "Café Rosé",
            ReplyTo = "shop@example.com",
        };

    [Theory]
    [InlineData("To", "\r")]
    [InlineData("To", "\n")]
    [InlineData("Subject", "\r\n")]
    [InlineData("Subject", "\n")]
    [InlineData("From name", "\r")]
    [InlineData("From name", "\n")]
    [InlineData("Reply-To", "\r\n")]
    [InlineData("Reply-To", "\n")]
    public void A_line_break_in_a_header_is_rejected(string header, string lineBreak)
    {
        var injected = "x@example.com" + lineBreak + "Bcc: victim@example.com";
        var mail = header switch
        {
            "To" => Normal() with { To = injected },
            "Subject" => Normal() with { Subject = injected },
            "From name" => Normal() with { FromName = injected },
            _ => Normal() with { ReplyTo = injected },
        };

        var error = Assert.Throws<ArgumentException>(mail.EnsureHeadersAreSafe);
        Assert.StartsWith($"{header} must not contain line breaks.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Normal_headers_and_multi_line_bodies_pass()
    {
        var mail = Normal();

        var error = Record.Exception(mail.EnsureHeadersAreSafe);

        Assert.Null(error);
    }

    [Fact]
    public void Absent_optional_headers_pass()
    {
        var mail = Normal() with { FromName = null, ReplyTo = null };

        Assert.Null(Record.Exception(mail.EnsureHeadersAreSafe));
    }
}
