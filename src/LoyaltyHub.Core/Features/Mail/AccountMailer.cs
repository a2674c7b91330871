using System.Net;
using LoyaltyHub.Core.Features.Identity;
using Microsoft.AspNetCore.Identity;

namespace LoyaltyHub.Core.Features.Mail;

/// <summary>
/// The account emails: sign-up confirmation, password reset and account activation. Links come
/// in already absolute; every value placed in HTML is encoded.
/// </summary>
public sealed class AccountMailer(IMailSender sender) : IEmailSender<AppUser>
{
    public Task SendConfirmationLinkAsync(AppUser user, string email, string confirmationLink) =>
        SendLinkAsync(user, email, "Confirm your LoyaltyHub account",
            "Thank you for signing up. Confirm your email address to activate your account.",
            "Confirm my account", confirmationLink);

    public Task SendPasswordResetLinkAsync(AppUser user, string email, string resetLink) =>
        SendLinkAsync(user, email, "Reset your LoyaltyHub password",
            "Someone asked to reset the password of this account. If it was you, choose a new password; otherwise ignore this email.",
            "Choose a new password", resetLink);

    public Task SendPasswordResetCodeAsync(AppUser user, string email, string resetCode) =>
        SendLinkAsync(user, email, "Your LoyaltyHub password reset code",
            $"Your password reset code is {resetCode}.", null, null);

    /// <summary>Invites a new staff or customer login to choose its password.</summary>
    public Task SendActivationLinkAsync(AppUser user, string email, string what, string activationLink) =>
        SendLinkAsync(user, email, $"Activate your {what}",
            $"An account has been created for you: {what}. Choose your password to activate it.",
            "Activate my account", activationLink);

    private Task SendLinkAsync(AppUser user, string email, string subject, string text, string? button, string? link)
    {
        ArgumentNullException.ThrowIfNull(user);
        var greeting = string.IsNullOrWhiteSpace(user.DisplayName) ? "Hello," : $"Hello {user.DisplayName},";
        var html = $"""
            <div style="font-family:Arial,Helvetica,sans-serif;max-width:560px;margin:auto;color:#222">
              <p>{WebUtility.HtmlEncode(greeting)}</p>
              <p>{WebUtility.HtmlEncode(text)}</p>
              {(link is null ? "" : $"""<p><a href="{WebUtility.HtmlEncode(link)}" style="display:inline-block;padding:10px 18px;background:#4f46e5;color:#fff;border-radius:6px;text-decoration:none">{WebUtility.HtmlEncode(button)}</a></p><p style="font-size:12px;color:#666">Or open this address: {WebUtility.HtmlEncode(link)}</p>""")}
              <p style="font-size:12px;color:#666">LoyaltyHub</p>
            </div>
            """;
        var plain = link is null ? $"{greeting}\n\n{text}\n" : $"{greeting}\n\n{text}\n\n{button}: {link}\n";
        return sender.SendAsync(new OutgoingMail(email, subject, html, plain) { TenantId = user.TenantId });
    }
}
