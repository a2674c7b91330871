using LoyaltyHub.Core.Data;

namespace LoyaltyHub.Core.Features.WebShop;

/// <summary>
/// Reacts to what the web shop reports (the automatic messages of SPEC §8). Called inside the
/// transaction that records the change, with <paramref name="db"/> holding it, so whatever a
/// handler writes (outbox rows) commits or rolls back with the change itself.
/// </summary>
public interface IWebShopEvents
{
    Task OrderPlacedAsync(AppDbContext db, Order order, CancellationToken cancellationToken);

    Task OrderChangedAsync(AppDbContext db, Order order, OrderStatus previousStatus, CancellationToken cancellationToken);

    Task ReturnRequestedAsync(AppDbContext db, Order order, ReturnRequest request, CancellationToken cancellationToken);
}
