using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Loyalty;

/// <summary>"Download my data": the customer's purchases, oldest first.</summary>
public sealed class PurchasesPersonalData(IDbContextFactory<AppDbContext> dbFactory) : IPersonalDataSource
{
    public string Name => "purchases";

    public async Task<object> ExportAsync(int customerId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await (
            from p in db.Set<Purchase>().AsNoTracking()
            join s in db.Shops on p.ShopId equals s.Id
            where p.CustomerId == customerId
            orderby p.Id
            select new PurchaseRow(p.Id, p.CreatedAt, p.ShopId, s.Name, p.AmountMinor, p.Currency, p.PointsEarned, p.PointsSpent, p.VoidedAt != null))
            .ToListAsync(cancellationToken);
    }
}

/// <summary>"Download my data": the customer's points ledger, oldest first.</summary>
public sealed class PointsPersonalData(IDbContextFactory<AppDbContext> dbFactory) : IPersonalDataSource
{
    public string Name => "points";

    public async Task<object> ExportAsync(int customerId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<PointEntry>().AsNoTracking().Where(e => e.CustomerId == customerId).OrderBy(e => e.Id)
            .Select(e => new PointsRow(e.Id, e.CreatedAt, e.Delta, e.Kind, e.PurchaseId, e.Reason))
            .ToListAsync(cancellationToken);
    }
}
