using LoyaltyHub.Core.Common;
using Microsoft.Extensions.Configuration;

namespace LoyaltyHub.Core.Features.Messaging.Consent;

/// <summary>Signed unsubscribe links for messages: the footer link, List-Unsubscribe and the SMS short link.</summary>
public interface IUnsubscribeLinks
{
    /// <summary>https link to the unsubscribe page of a customer, also the RFC 8058 one-click POST target.</summary>
    Uri For(Guid tenantId, int customerId, MessageChannel channel);

    /// <summary>The same for a recipient who is not a customer (a test send, an imported address).</summary>
    Uri For(Guid tenantId, string recipient, MessageChannel channel);

    /// <summary>The mailto: form of List-Unsubscribe, carrying the same token in the subject.</summary>
    string MailtoFor(Guid tenantId, int customerId, MessageChannel channel);

    /// <summary>The same for a recipient who is not a customer.</summary>
    string MailtoFor(Guid tenantId, string recipient, MessageChannel channel);
}

/// <summary>
/// The page lives at <c>/u/{token}</c>: short enough for an SMS. The mailto address is
/// <c>Messaging:UnsubscribeMailbox</c>, or unsubscribe@ the public host; mail sent to it is for the
/// support inbox's reader (SPEC §13) to pass to <see cref="UnsubscribeService.UnsubscribeAsync"/>.
/// </summary>
internal sealed class UnsubscribeLinks(UnsubscribeKeyRing keys, IPublicLinks links, IConfiguration configuration, TimeProvider clock)
    : IUnsubscribeLinks
{
    public const string PathPrefix = "u/";
    public const string MailSubjectPrefix = "unsubscribe ";

    public Uri For(Guid tenantId, int customerId, MessageChannel channel) =>
        Link(UnsubscribeClaim.ForCustomer(tenantId, customerId, channel, clock.GetUtcNow()));

    public Uri For(Guid tenantId, string recipient, MessageChannel channel) =>
        Link(UnsubscribeClaim.ForRecipient(tenantId, SuppressionList.Normalize(channel, recipient), channel, clock.GetUtcNow()));

    public string MailtoFor(Guid tenantId, int customerId, MessageChannel channel) =>
        Mailto(UnsubscribeClaim.ForCustomer(tenantId, customerId, channel, clock.GetUtcNow()));

    public string MailtoFor(Guid tenantId, string recipient, MessageChannel channel) =>
        Mailto(UnsubscribeClaim.ForRecipient(tenantId, SuppressionList.Normalize(channel, recipient), channel, clock.GetUtcNow()));

    private string Mailto(UnsubscribeClaim claim)
    {
        var token = keys.Sign(claim);
        var mailbox = configuration["Messaging:UnsubscribeMailbox"] is { Length: > 0 } configured
            ? configured
            : "unsubscribe@" + new Uri(links.Absolute("/")).Host;
        return $"mailto:{mailbox}?subject={Uri.EscapeDataString(MailSubjectPrefix + token)}";
    }

    private Uri Link(UnsubscribeClaim claim) => new(links.Absolute(PathPrefix + keys.Sign(claim)));
}
