using System.Globalization;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.GiftCards;
using LoyaltyHub.Core.Features.Loyalty;
using LoyaltyHub.Core.Features.Messaging.Content;

namespace LoyaltyHub.Core.Features.Messaging.Automatic;

/// <summary>
/// The loyalty side's automatic messages: points credited by a purchase, a virtual gift card's
/// recipient, and a new customer account (alert to the merchant, activation to the customer).
/// The activation link and a gift card's number must reach the customer whatever the messaging
/// settings: when the templated message is not queued (turned off, live mode off, no credits)
/// the caller sends its plain platform email instead, as before the messages existed.
/// </summary>
internal sealed class LoyaltyMessages(AutomaticMessages messages) : ILoyaltyEvents, IGiftCardEvents, ICustomerEvents
{
    /// <summary>
    /// On the purchase path: reads nothing (the settings are cached and the purchase read the
    /// customer's contact), then queues when the message is on.
    /// </summary>
    public async Task PointsCreditedAsync(AppDbContext db, PointsCredited credited, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(credited);
        var snapshot = await messages.SnapshotAsync(db, cancellationToken);
        if (!snapshot.SendsAny(MessageEvent.PointsCredited))
        {
            return;
        }

        var customer = credited.Customer;
        if (customer.Phone is null && customer.Email is null)
        {
            return;
        }

        var data = new TemplateData { PointsEarned = credited.Points }.WithCustomer(customer, credited.Balance);
        await messages.QueueAsync(db, MessageEvent.PointsCredited, credited.PurchaseId.ToString(CultureInfo.InvariantCulture),
            Recipient(customer), data, cancellationToken);
    }

    public async Task<bool> VirtualCardSoldAsync(AppDbContext db, GiftCard card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(card);
        if (!(await messages.SnapshotAsync(db, cancellationToken)).Settings.LiveMode)
        {
            return false;
        }

        var data = new TemplateData
        {
            FirstName = card.RecipientName,
            Email = card.RecipientEmail,
            Currency = card.Currency,
            GiftCardAmountMinor = card.InitialAmountMinor,
            GiftCardNumber = CardNumbers.Display(card.Number),
            GiftCardMessage = card.Message,
        };
        var outcome = await messages.QueueAsync(db, MessageEvent.GiftCardReceived, card.Id.ToString(CultureInfo.InvariantCulture),
            new MessageRecipient(null, card.RecipientPhone, card.RecipientEmail, null), data, cancellationToken);
        return Emailed(outcome);
    }

    public async Task<bool> CustomerRegisteredAsync(AppDbContext db, Customer customer, string? activationUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(customer);
        var subject = customer.Id.ToString(CultureInfo.InvariantCulture);
        var data = new TemplateData().WithCustomer(customer, 0);
        await messages.QueueAsync(db, MessageEvent.NewAccountAlert, subject, null, data, cancellationToken);
        if (activationUrl is null || !(await messages.SnapshotAsync(db, cancellationToken)).Settings.LiveMode)
        {
            return false;
        }

        var outcome = await messages.QueueAsync(db, MessageEvent.AccountActivation, subject, Recipient(customer),
            data with { ActivationUrl = activationUrl }, cancellationToken);
        return Emailed(outcome);
    }

    private static MessageRecipient Recipient(Customer customer) => new(customer.Id, customer.Phone, customer.Email, customer.Language);

    private static bool Emailed(AutomaticOutcome outcome) =>
        outcome.Queued.Contains(MessageChannel.Email) || outcome.AlreadyQueued.Contains(MessageChannel.Email);
}
