using LoyaltyHub.Core.Features.Mail;
using LoyaltyHub.Core.Features.Messaging.Gateways;

namespace LoyaltyHub.Web.Hosting;

/// <summary>
/// Whether email and SMS go to the development outbox, and whether the outbox may be read without
/// signing in: only in the Development environment, where it is how a new merchant reads the
/// confirmation link on a machine with no mail server. Elsewhere managers and platform admins
/// read it from their portal.
/// </summary>
public sealed class DevOutboxInfo(IConfiguration configuration, IWebHostEnvironment environment)
{
    public bool MailEnabled { get; } = MailFeature.UsesDevOutbox(configuration);

    public bool SmsEnabled { get; } = GatewaysFeature.UsesDevOutbox(configuration);

    public bool Enabled => MailEnabled || SmsEnabled;

    public bool IsPublic => Enabled && environment.IsDevelopment();
}
