using System.Net;
using System.Net.Sockets;
using LoyaltyHub.Core.Features.Mail;
using LoyaltyHub.Core.Features.Messaging;
using LoyaltyHub.Core.Features.Messaging.Gateways;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Options;

namespace LoyaltyHub.IntegrationTests.Features.Messaging;

/// <summary>
/// The SMTP email gateway against the real Postfix of scripts/test.sh: what arrives (both parts,
/// headers, encoding) and what each kind of failure maps to.
/// </summary>
public sealed class SmtpEmailGatewayTests
{
    private static readonly Guid Tenant = Guid.Parse("0191f2b4-7c1e-7000-8000-00000000a11c");

    private static SmtpEmailGateway Gateway(SmtpOptions options) => new(Options.Create(options), new GatewayRateLimits());

    private static EmailToSend Promotional(string to, long outboxId = 4242) =>
        new(Tenant, outboxId, to, "Your reward is ready, Zoë", "<p>Hello &lt;b&gt;Zoë&lt;/b&gt; &amp; friends</p>",
            "Hello <b>Zoë</b> & friends", "Café Rosé", "shop@cafe-rose.example")
        {
            UnsubscribeUrl = new Uri("https://loyalty.example/u/v1.k1.abcDEF123"),
            UnsubscribeMailto = "unsubscribe+v1.k1.abcDEF123@loyalty.example",
        };

    [SmtpFact]
    public async Task Promotional_email_arrives_as_text_and_html_with_the_tenant_headers_and_one_click_unsubscribe()
    {
        var to = TestMailServer.UniqueRecipient();

        var result = await Gateway(TestMailServer.Options()).SendAsync(Promotional(to), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Accepted, result.Outcome);
        var mail = Assert.Single(await TestMailServer.Maildir.WaitForAsync(to));
        Assert.Equal($"<{result.ProviderMessageId}>", mail.Header("Message-ID"));
        Assert.StartsWith($"4242.{Tenant:N}@loyaltyhub.test", result.ProviderMessageId, StringComparison.Ordinal);
        Assert.Equal("Café Rosé <no-reply@loyaltyhub.test>", mail.DecodedHeader("From"));
        Assert.Contains("=?utf-8?", mail.Header("From"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("shop@cafe-rose.example", mail.Header("Reply-To"));
        Assert.Equal("Your reward is ready, Zoë", mail.DecodedHeader("Subject"));
        Assert.Equal("<https://loyalty.example/u/v1.k1.abcDEF123>, <mailto:unsubscribe+v1.k1.abcDEF123@loyalty.example>",
            mail.Header("List-Unsubscribe"));
        Assert.Equal("List-Unsubscribe=One-Click", mail.Header("List-Unsubscribe-Post"));
        Assert.StartsWith("multipart/alternative", mail.Header("Content-Type"), StringComparison.OrdinalIgnoreCase);
        Assert.Collection(mail.Parts,
            text =>
            {
                Assert.Equal("text/plain", text.MediaType);
                Assert.Equal("Hello <b>Zoë</b> & friends", text.Text);
            },
            html =>
            {
                Assert.Equal("text/html", html.MediaType);
                // The HTML arrives exactly as rendered: encoded variables stay encoded, nothing turns into markup.
                Assert.Equal("<p>Hello &lt;b&gt;Zoë&lt;/b&gt; &amp; friends</p>", html.Text);
            });
    }

    [SmtpFact]
    public async Task Service_email_carries_no_unsubscribe_headers_and_falls_back_to_the_platform_name()
    {
        var to = TestMailServer.UniqueRecipient();
        var email = new EmailToSend(Tenant, 7, to, "Order 1001 is ready", "<p>Ready</p>", "Ready", "", null);

        var result = await Gateway(TestMailServer.Options()).SendAsync(email, CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Accepted, result.Outcome);
        var mail = Assert.Single(await TestMailServer.Maildir.WaitForAsync(to));
        Assert.Null(mail.Header("List-Unsubscribe"));
        Assert.Null(mail.Header("List-Unsubscribe-Post"));
        Assert.Null(mail.Header("Reply-To"));
        Assert.Equal("\"LoyaltyHub\" <no-reply@loyaltyhub.test>", mail.DecodedHeader("From"));
    }

    [Theory]
    [InlineData("To")]
    [InlineData("FromName")]
    [InlineData("Subject")]
    [InlineData("ReplyTo")]
    [InlineData("UnsubscribeMailto")]
    public async Task A_line_break_in_any_header_value_is_rejected_before_anything_is_sent(string field)
    {
        const string injected = "x@example.com\r\nBcc: victim@example.com";
        var email = Promotional("anna@shop.example");
        email = field switch
        {
            "To" => email with { To = injected },
            "FromName" => email with { FromName = injected },
            "Subject" => email with { Subject = injected },
            "ReplyTo" => email with { ReplyTo = injected },
            _ => email with { UnsubscribeMailto = injected },
        };
        // A server that would show any attempt: the stalling stand-in counts every message it is given.
        await using var server = new StallingSmtpServer();

        var result = await Gateway(new SmtpOptions { Host = "127.0.0.1", Port = server.Port, EnableSsl = false, TimeoutSeconds = 2 })
            .SendAsync(email, CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Rejected, result.Outcome);
        Assert.Contains("must not contain line breaks", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, server.MessagesReceived);
    }

    [SmtpFact]
    public async Task An_injected_header_never_reaches_the_server()
    {
        var to = TestMailServer.UniqueRecipient();
        var gateway = Gateway(TestMailServer.Options());

        var injected = await gateway.SendAsync(Promotional(to) with { Subject = "Hi\nBcc: victim@shop.example" }, CancellationToken.None);
        var clean = await gateway.SendAsync(Promotional(to, outboxId: 4243), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Rejected, injected.Outcome);
        Assert.Equal(DeliveryOutcome.Accepted, clean.Outcome);
        var mail = Assert.Single(await TestMailServer.Maildir.WaitForAsync(to));
        Assert.Equal($"<{clean.ProviderMessageId}>", mail.Header("Message-ID"));
        Assert.DoesNotContain("victim", mail.Raw, StringComparison.Ordinal);
        Assert.Empty(TestMailServer.Maildir.MessagesTo("victim@shop.example"));
    }

    [SmtpFact]
    public async Task A_recipient_the_server_refuses_permanently_is_Rejected()
    {
        var result = await Gateway(TestMailServer.Options()).SendAsync(Promotional("nobody@refused.test"), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Rejected, result.Outcome);
        Assert.Contains("550", result.Error, StringComparison.Ordinal);
    }

    [SmtpFact]
    public async Task A_recipient_the_server_defers_is_Retryable()
    {
        var result = await Gateway(TestMailServer.Options()).SendAsync(Promotional("later@busy.test"), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Retryable, result.Outcome);
        Assert.Contains("450", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_is_Retryable()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await Gateway(new SmtpOptions { Host = "127.0.0.1", Port = closedPort, EnableSsl = false, TimeoutSeconds = 5 })
            .SendAsync(Promotional("anna@shop.example"), CancellationToken.None);

        Assert.True(result.Outcome == DeliveryOutcome.Retryable, $"{result.Outcome}: {result.Error}");
    }

    [Fact]
    public async Task A_server_that_hangs_after_the_data_gives_Unknown_never_Retryable()
    {
        await using var server = new StallingSmtpServer();

        // Long enough for a loaded machine to get through DATA; the hang itself is what times out.
        var result = await Gateway(new SmtpOptions { Host = "127.0.0.1", Port = server.Port, EnableSsl = false, TimeoutSeconds = 3 })
            .SendAsync(Promotional("anna@shop.example"), CancellationToken.None);

        Assert.True(result.Outcome == DeliveryOutcome.Unknown, $"{result.Outcome}: {result.Error}");
        Assert.Contains("timed out", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, server.MessagesReceived);
    }

    [SmtpFact]
    public async Task Account_mail_is_built_by_the_same_code_text_and_html()
    {
        var to = TestMailServer.UniqueRecipient("manager");
        var sender = new SmtpMailSender(Options.Create(TestMailServer.Options()));

        await sender.SendAsync(new OutgoingMail(to, "Confirm your account", "<p>Confirm &amp; go</p>", "Confirm & go") { FromName = "LoyaltyHub" });

        var mail = Assert.Single(await TestMailServer.Maildir.WaitForAsync(to));
        Assert.StartsWith("multipart/alternative", mail.Header("Content-Type"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["text/plain", "text/html"], mail.Parts.Select(p => p.MediaType));
        Assert.Equal("<p>Confirm &amp; go</p>", mail.Parts[1].Text);
        Assert.Null(mail.Header("List-Unsubscribe"));
    }
}
