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
        var rows = await CustomerLoyaltyQueries.PurchaseRows(db, customerId, newestFirst: false).ToListAsync(cancellationToken);
        return await CustomerLoyaltyQueries.WithLinesAsync(db, rows, cancellationToken);
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
