using System.Net.Mail;
using System.Net.Sockets;
using LoyaltyHub.Core.Features.Mail;
using Microsoft.Extensions.Options;

namespace LoyaltyHub.Core.Features.Messaging.Gateways;

/// <summary>Email through the platform's SMTP server (section <c>Smtp</c>), with the shared message builder of account mail.</summary>
internal sealed class SmtpEmailGateway(IOptions<SmtpOptions> options, GatewayRateLimits limits) : IEmailGateway
{
    public string Name => "smtp";

    public async Task<GatewayResult> SendAsync(EmailToSend email, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var mail = GatewayMail.From(email, settings.FromAddress);
        if (mail.FindUnsafeHeader() is { } unsafeHeader)
        {
            return new GatewayResult(DeliveryOutcome.Rejected, Error: unsafeHeader);
        }

        MailMessage message;
        try
        {
            message = SmtpMessages.Build(mail, settings);
        }
        catch (FormatException e)
        {
            return new GatewayResult(DeliveryOutcome.Rejected, Error: $"Invalid email address: {e.Message}");
        }

        using (message)
        {
            await limits.WaitTurnAsync(Name, settings.RatePerSecond, cancellationToken);
            using var client = SmtpMessages.CreateClient(settings);
            try
            {
                await client.SendMailAsync(message, cancellationToken);
            }
            catch (SmtpException e)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return SmtpOutcomes.From(e);
            }

            return GatewayResult.Accepted(mail.MessageId!);
        }
    }
}

/// <summary>With no SMTP server configured: every email lands in the development outbox (DevMail rows).</summary>
internal sealed class DevOutboxEmailGateway(DevOutboxMailSender store, IOptions<SmtpOptions> options) : IEmailGateway
{
    public string Name => "dev";

    public async Task<GatewayResult> SendAsync(EmailToSend email, CancellationToken cancellationToken)
    {
        var mail = GatewayMail.From(email, options.Value.FromAddress);
        if (mail.FindUnsafeHeader() is { } unsafeHeader)
        {
            return new GatewayResult(DeliveryOutcome.Rejected, Error: unsafeHeader);
        }

        var id = await store.StoreAsync(mail, cancellationToken);
        return GatewayResult.Accepted($"dev-mail-{id}");
    }
}

internal static class GatewayMail
{
    /// <summary>
    /// The gateway's email as the shared mail shape. The Message-ID names the outbox row and the
    /// tenant on the platform's own domain, so a bounce or a duplicate can be traced to its row.
    /// </summary>
    public static OutgoingMail From(EmailToSend email, string platformFromAddress)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(platformFromAddress);
        var domain = platformFromAddress[(platformFromAddress.LastIndexOf('@') + 1)..];
        return new OutgoingMail(email.To, email.Subject, email.HtmlBody, email.TextBody)
        {
            TenantId = email.TenantId,
            FromName = string.IsNullOrWhiteSpace(email.FromName) ? null : email.FromName,
            ReplyTo = string.IsNullOrWhiteSpace(email.ReplyTo) ? null : email.ReplyTo,
            UnsubscribeUrl = email.UnsubscribeUrl,
            UnsubscribeMailto = email.UnsubscribeMailto,
            MessageId = $"{email.OutboxId}.{email.TenantId:N}@{domain}",
        };
    }
}

/// <summary>What an SMTP failure means for a retry.</summary>
internal static class SmtpOutcomes
{
    private static readonly SocketError[] NeverConnected =
        [SocketError.ConnectionRefused, SocketError.HostNotFound, SocketError.HostUnreachable, SocketError.NetworkUnreachable, SocketError.TryAgain];

    public static GatewayResult From(SmtpException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var code = (int)exception.StatusCode;
        if (code is >= 400 and < 500)
        {
            // A 4xx reply (greeting, RCPT or after the data) means the server kept nothing.
            return new GatewayResult(DeliveryOutcome.Retryable, Error: $"SMTP {code}: {exception.Message}");
        }

        if (code is >= 500 and < 600)
        {
            return new GatewayResult(DeliveryOutcome.Rejected, Error: $"SMTP {code}: {exception.Message}");
        }

        // No SMTP reply at all: only a connection that never opened is certainly unsent.
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket && NeverConnected.Contains(socket.SocketErrorCode))
            {
                return new GatewayResult(DeliveryOutcome.Retryable, Error: $"SMTP server unreachable: {socket.Message}");
            }
        }

        // A timeout lands here too: System.Net.Mail does not say how far it got, and after DATA
        // the server may already have queued the message, so it is never retried blindly.
        return new GatewayResult(DeliveryOutcome.Unknown,
            Error: $"SMTP: {exception.Message} {exception.InnerException?.Message} The server may have taken the message.".Replace("  ", " ", StringComparison.Ordinal));
    }
}
