using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Loyalty;

namespace LoyaltyHub.Core.Features.GiftCards;

/// <summary>
/// Gift-card payments of purchases: the purchase service passes its own context, inside its open
/// transaction, so the debit and the purchase commit or roll back together. Same rule as the counter.
/// </summary>
public sealed class GiftCardPayments(TimeProvider clock) : IGiftCardPayments
{
    public async Task<Result> DebitAsync(AppDbContext db, string cardNumber, long amountMinor, Guid purchaseKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var result = await InTransactionAsync(db, () => GiftCardLedger.DebitAsync(
            db, cardNumber, amountMinor, new GiftCardActor(null, null), purchaseKey, clock.GetUtcNow(), cancellationToken), r => r.Succeeded, cancellationToken);
        return result.Succeeded ? Result.Ok() : Result.Fail(result.Errors);
    }

    public Task ReverseAsync(AppDbContext db, Guid purchaseKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return InTransactionAsync(db, async () =>
        {
            await GiftCardLedger.ReverseAsync(db, purchaseKey, clock.GetUtcNow(), cancellationToken);
            return true;
        }, _ => true, cancellationToken);
    }

    /// <summary>
    /// The balance update and the ledger row must commit together. Inside the caller's transaction
    /// (the normal case) they do; a caller without one gets a transaction of its own rather than a
    /// balance that could change without its row.
    /// </summary>
    private static async Task<T> InTransactionAsync<T>(AppDbContext db, Func<Task<T>> work, Func<T, bool> commit, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work();
        if (commit(result))
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return result;
    }
}
