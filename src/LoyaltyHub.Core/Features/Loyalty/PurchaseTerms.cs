using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Loyalty;

/// <summary>
/// What recording a purchase needs to know besides the balance: the customer, the shop and the
/// tenant's current settings, read in one query before the transaction. Read fresh every time
/// rather than cached, so a change of the earn rule or a multiplier (made on any app instance)
/// applies to the very next purchase.
/// </summary>
internal sealed record PurchaseTerms(
    CustomerStatus? Status, bool IsPro, bool ShopFound, string Currency, EarnRule EarnRule, int PointsValidityMonths, int MultiplierPercent)
{
    /// <summary>The customer must be this tenant's and active, the shop this tenant's and the staff member's own.</summary>
    public Result? Refusal(PurchaseInput input, CustomerActor by) => this switch
    {
        { Status: null } => Result.Fail(nameof(input.CustomerId), "The customer was not found."),
        { Status: not CustomerStatus.Active } => Result.Fail(nameof(input.CustomerId), "This customer's account is closed."),
        _ when !ShopFound || (by.ShopId is { } own && own != input.ShopId) => Result.Fail(nameof(input.ShopId), "Record the purchase in your own shop."),
        _ => null,
    };

    /// <summary>One round trip; the tenant filters hide other tenants' customers and shops, which then read as "not found".</summary>
    public static async Task<PurchaseTerms> ReadAsync(AppDbContext db, Guid tenantId, PurchaseInput input, CancellationToken ct)
    {
        var (customerId, shopId) = (input.CustomerId, input.ShopId);
        var settings = db.Set<LoyaltySettings>();
        var row = await db.Tenants.Where(t => t.Id == tenantId)
            .Select(t => new
            {
                t.Currency,
                Status = db.Customers.Where(c => c.Id == customerId).Select(c => (CustomerStatus?)c.Status).FirstOrDefault(),
                IsPro = db.Customers.Any(c => c.Id == customerId && c.IsPro),
                ShopFound = db.Shops.Any(s => s.Id == shopId),
                EarnPoints = settings.Select(s => (int?)s.EarnPoints).FirstOrDefault(),
                EarnSpendMinor = settings.Select(s => (long?)s.EarnSpendMinor).FirstOrDefault(),
                ValidityMonths = settings.Select(s => (int?)s.PointsValidityMonths).FirstOrDefault(),
                Multiplier = db.Set<ShopEarnMultiplier>().Where(m => m.ShopId == shopId).Select(m => (int?)m.Percent).FirstOrDefault(),
            })
            .SingleAsync(ct);
        var defaults = new LoyaltySettings();
        return new PurchaseTerms(
            row.Status, row.IsPro, row.ShopFound, row.Currency,
            new EarnRule(row.EarnPoints ?? defaults.EarnPoints, row.EarnSpendMinor ?? defaults.EarnSpendMinor),
            row.ValidityMonths ?? defaults.PointsValidityMonths,
            row.Multiplier ?? LoyaltyMath.NeutralMultiplierPercent);
    }
}
