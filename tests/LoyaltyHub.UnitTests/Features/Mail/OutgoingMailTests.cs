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

    [Theory]
    [InlineData("Unsubscribe mailto", "u+1@example.com\r\nBcc: victim@example.com", "must not contain line breaks")]
    [InlineData("Message-ID", "1.abc@example.com\nBcc: victim@example.com", "must not contain line breaks")]
    [InlineData("Unsubscribe mailto", "u+1@example.com>, <https://evil.example", "must not contain '<'")]
    [InlineData("Message-ID", "1 2@example.com", "must not contain '<'")]
    public void Unsubscribe_mailto_and_message_id_cannot_inject_or_break_their_brackets(string header, string value, string message)
    {
        var mail = header == "Message-ID" ? Normal() with { MessageId = value } : Normal() with { UnsubscribeMailto = value };

        Assert.StartsWith($"{header} {message}", mail.FindUnsafeHeader(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://loyalty.example/u/abc")]
    [InlineData("mailto:u@example.com")]
    public void The_one_click_unsubscribe_url_must_be_https(string url)
    {
        var mail = Normal() with { UnsubscribeUrl = new Uri(url) };

        Assert.Equal("Unsubscribe URL must be an absolute https address.", mail.FindUnsafeHeader());
    }

    [Fact]
    public void A_promotional_mail_with_https_unsubscribe_and_message_id_passes() =>
        Assert.Null((Normal() with
        {
            UnsubscribeUrl = new Uri("https://loyalty.example/u/v1.k1.abc"),
            UnsubscribeMailto = "unsubscribe+v1.k1.abc@loyalty.example",
            MessageId = "42.0191f2b47c1e70008000000000000001@loyalty.example",
        }).FindUnsafeHeader());
}
