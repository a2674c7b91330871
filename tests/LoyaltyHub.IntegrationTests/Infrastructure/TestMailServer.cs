using System.Globalization;
using LoyaltyHub.Core.Features.Mail;

namespace LoyaltyHub.IntegrationTests.Infrastructure;

/// <summary>
/// The real SMTP server scripts/test.sh starts (Postfix on 127.0.0.1, catch-all Maildir), found
/// through <c>LOYALTYHUB_TEST_SMTP</c> (host:port) and <c>LOYALTYHUB_TEST_MAILDIR</c>. It refuses
/// recipients <c>@refused.test</c> (550) and defers <c>@busy.test</c> (450).
/// </summary>
public static class TestMailServer
{
    public const string SmtpVariable = "LOYALTYHUB_TEST_SMTP";
    public const string MaildirVariable = "LOYALTYHUB_TEST_MAILDIR";

    /// <summary>The address mail is sent from; the domain ends up in Message-IDs.</summary>
    public const string FromAddress = "no-reply@loyaltyhub.test";

    public static bool IsAvailable =>
        !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(SmtpVariable))
        && !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(MaildirVariable));

    public static string MissingReason =>
        $"{SmtpVariable} / {MaildirVariable} are not set: run scripts/test.sh, which starts a Postfix server on 127.0.0.1 for the mail tests.";

    /// <summary>Settings of the app's SMTP client for this server (no TLS, no auth).</summary>
    public static SmtpOptions Options(int timeoutSeconds = 15)
    {
        var server = Require(SmtpVariable);
        var colon = server.LastIndexOf(':');
        return new SmtpOptions
        {
            Host = server[..colon],
            Port = int.Parse(server[(colon + 1)..], CultureInfo.InvariantCulture),
            EnableSsl = false,
            FromAddress = FromAddress,
            FromName = "LoyaltyHub",
            TimeoutSeconds = timeoutSeconds,
        };
    }

    public static Maildir Maildir => new(Require(MaildirVariable));

    /// <summary>A fresh recipient, so each test finds only its own mail in the shared Maildir.</summary>
    public static string UniqueRecipient(string who = "customer") => $"{who}-{Guid.NewGuid():N}@shop.example";

    private static string Require(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(MissingReason);
}

/// <summary>
/// A test that needs the real SMTP server: skipped with the reason when it is not there on a
/// developer's machine, but run (and failing clearly) under CI=true, where a missing server is a
/// broken setup rather than a choice.
/// </summary>
public sealed class SmtpFactAttribute : FactAttribute
{
    public SmtpFactAttribute()
    {
        if (!TestMailServer.IsAvailable && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = TestMailServer.MissingReason;
        }
    }
}
