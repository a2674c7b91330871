using LoyaltyHub.Core.Features.Mail;

namespace LoyaltyHub.Web.Hosting;

/// <summary>
/// Whether mail goes to the development outbox, and whether the outbox may be read without
/// signing in: only in the Development environment, where it is how a new merchant reads the
/// confirmation link on a machine with no mail server. Elsewhere managers and platform admins
/// read it from their portal.
/// </summary>
public sealed class DevOutboxInfo(IConfiguration configuration, IWebHostEnvironment environment)
{
    public bool Enabled { get; } = MailFeature.UsesDevOutbox(configuration);

    public bool IsPublic => Enabled && environment.IsDevelopment();
}
