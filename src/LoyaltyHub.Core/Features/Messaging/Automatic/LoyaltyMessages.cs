using System.Globalization;
using System.Runtime.CompilerServices;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.GiftCards;
using LoyaltyHub.Core.Features.Loyalty;
using LoyaltyHub.Core.Features.Messaging.Content;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

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
    /// <summary>Compiled once per model (SQLite and PostgreSQL differ), as the purchase path's own read is.</summary>
    private static readonly ConditionalWeakTable<IModel, Func<AppDbContext, int, CancellationToken, Task<Customer?>>> ContactQueries = [];

    /// <summary>
    /// On the purchase path: with the message off this reads nothing (the settings are cached);
    /// on, it reads the customer's contact once, then queues.
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

        var customer = await ContactQueries.GetValue(db.Model, _ => CompileContact())(db, credited.CustomerId, cancellationToken);
        if (customer is null || (customer.Phone is null && customer.Email is null))
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

    /// <summary>What a message about the customer shows and where it goes; the tenant filter applies.</summary>
    private static Func<AppDbContext, int, CancellationToken, Task<Customer?>> CompileContact() => EF.CompileAsyncQuery(
        (AppDbContext db, int customerId, CancellationToken ct) => db.Customers.AsNoTracking().Where(c => c.Id == customerId)
            .Select(c => new Customer
            {
                Id = c.Id, CardNumber = c.CardNumber, FirstName = c.FirstName, LastName = c.LastName, MiddleName = c.MiddleName,
                Gender = c.Gender, Email = c.Email, Phone = c.Phone, Language = c.Language,
            })
            .FirstOrDefault());

    private static MessageRecipient Recipient(Customer customer) => new(customer.Id, customer.Phone, customer.Email, customer.Language);

    private static bool Emailed(AutomaticOutcome outcome) =>
        outcome.Queued.Contains(MessageChannel.Email) || outcome.AlreadyQueued.Contains(MessageChannel.Email);
}
