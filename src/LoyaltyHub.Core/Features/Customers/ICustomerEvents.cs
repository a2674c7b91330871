using LoyaltyHub.Core.Data;

namespace LoyaltyHub.Core.Features.Customers;

/// <summary>
/// Reacts to a new customer account (the "new customer account" alert and the "account
/// activation" message of SPEC §8). Called inside the transaction that creates the customer, with
/// <paramref name="db"/> holding it, so what a handler writes commits with the account.
/// Raised by <see cref="CustomerService.RegisterAsync"/>, so by the counter and by the web shop's
/// upsert of a customer it did not find (an update raises nothing). Not by a CSV import: a merchant
/// importing their existing customers wants neither an alert per row nor mail sent to all of them.
/// Customers cannot register themselves: the portal is reached through an activation link.
/// </summary>
public interface ICustomerEvents
{
    /// <param name="activationUrl">The login's activation link, or null when the customer has no login (no email).</param>
    /// <returns>True when the activation message was queued; false leaves it to the platform's plain email.</returns>
    Task<bool> CustomerRegisteredAsync(AppDbContext db, Customer customer, string? activationUrl, CancellationToken cancellationToken);
}
