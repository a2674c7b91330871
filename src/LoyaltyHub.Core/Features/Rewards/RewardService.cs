using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Loyalty;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Rewards;

/// <summary>The badges a customer can use now; the purchase service re-checks the same rules when they are clicked.</summary>
public sealed class RewardService(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<IReadOnlyList<RewardBadge>> AvailableAsync(int customerId, int shopId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var context = await ContextAsync(db, customerId, shopId, cancellationToken);
        if (context is null)
        {
            return [];
        }

        var programs = await db.Set<RewardProgram>().AsNoTracking().OrderBy(p => p.Cost).ThenBy(p => p.Title).ToListAsync(cancellationToken);
        return RewardRules.Available(programs, context);
    }

    /// <summary>The rules' view of an active customer of this tenant; null when there is none.</summary>
    internal static async Task<RewardContext?> ContextAsync(AppDbContext db, int customerId, int shopId, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking()
            .Where(c => c.Id == customerId && c.Status == CustomerStatus.Active)
            .Select(c => new { c.IsPro })
            .FirstOrDefaultAsync(ct);
        if (customer is null)
        {
            return null;
        }

        var balance = await db.Set<LoyaltyBalance>().AsNoTracking().FirstOrDefaultAsync(b => b.CustomerId == customerId, ct);
        var welcomeUsed = await (
            from r in db.Set<PurchaseReward>()
            join p in db.Set<Purchase>() on r.PurchaseId equals p.Id
            join g in db.Set<RewardProgram>() on r.RewardProgramId equals g.Id
            where p.CustomerId == customerId && p.VoidedAt == null && g.Trigger == RewardTrigger.WelcomeGift
            select r.RewardProgramId).Distinct().ToListAsync(ct);
        return new RewardContext(shopId, customer.IsPro, balance?.Points ?? 0, balance?.PurchaseCount ?? 0, welcomeUsed.ToHashSet());
    }
}
