using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;

namespace LoyaltyHub.Core.Features.Loyalty;

/// <summary>Points a purchase credited, as the automatic "points credited" message tells the customer.</summary>
/// <param name="Customer">The customer's name and contact as the purchase read them (not tracked).</param>
public sealed record PointsCredited(Customer Customer, long PurchaseId, long Points, long Balance);

/// <summary>
/// Reacts to what the ledger records (the automatic messages of SPEC §8). Called inside the
/// transaction of the change, with <paramref name="db"/> holding it, so whatever a handler writes
/// (outbox rows) commits or rolls back with the change. A handler must not fail the change: the
/// purchase stands whether or not a message can be queued.
/// </summary>
public interface ILoyaltyEvents
{
    Task PointsCreditedAsync(AppDbContext db, PointsCredited credited, CancellationToken cancellationToken);
}
