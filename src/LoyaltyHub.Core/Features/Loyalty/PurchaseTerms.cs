using System.Runtime.CompilerServices;
using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace LoyaltyHub.Core.Features.Loyalty;

/// <summary>
/// What recording a purchase needs to know besides the balance: the customer (with the contact
/// the "points credited" message needs), the shop and the tenant's current settings, read in one
/// query before the transaction. Read fresh every time rather than cached, so a change of the earn
/// rule or a multiplier (made on any app instance) applies to the very next purchase.
/// </summary>
/// <param name="Customer">The active or closed customer with their contact, or null when not this tenant's.</param>
internal sealed record PurchaseTerms(
    Customer? Customer, bool ShopFound, string Currency, EarnRule EarnRule, int PointsValidityMonths, int MultiplierPercent)
{
    /// <summary>
    /// The query compiled once per model (a compiled query binds to the first model it runs on, and
    /// the SQLite and PostgreSQL models differ): the purchase path skips EF's per-call expression
    /// processing and cache look-up. The tenant filters still apply (they read the context's
    /// tenant), so other tenants' customers and shops read as "not found".
    /// </summary>
    private static readonly ConditionalWeakTable<IModel, Func<AppDbContext, Guid, int, int, CancellationToken, Task<Row?>>> Queries = [];

    private static Func<AppDbContext, Guid, int, int, CancellationToken, Task<Row?>> Compile() => EF.CompileAsyncQuery(
        (AppDbContext db, Guid tenantId, int customerId, int shopId, CancellationToken ct) => db.Customers
            .Where(c => c.Id == customerId)
            .Select(c => new Row
            {
                Customer = new Customer
                {
                    Id = c.Id, Status = c.Status, IsPro = c.IsPro, CardNumber = c.CardNumber, FirstName = c.FirstName, LastName = c.LastName,
                    MiddleName = c.MiddleName, Gender = c.Gender, Email = c.Email, Phone = c.Phone, Language = c.Language,
                },
                Currency = db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Currency).First(),
                ShopFound = db.Shops.Any(s => s.Id == shopId),
                EarnPoints = db.Set<LoyaltySettings>().Select(s => (int?)s.EarnPoints).FirstOrDefault(),
                EarnSpendMinor = db.Set<LoyaltySettings>().Select(s => (long?)s.EarnSpendMinor).FirstOrDefault(),
                ValidityMonths = db.Set<LoyaltySettings>().Select(s => (int?)s.PointsValidityMonths).FirstOrDefault(),
                Multiplier = db.Set<ShopEarnMultiplier>().Where(m => m.ShopId == shopId).Select(m => (int?)m.Percent).FirstOrDefault(),
            })
            .FirstOrDefault());

    public bool IsPro => Customer?.IsPro == true;

    /// <summary>The customer must be this tenant's and active, the shop this tenant's and the staff member's own.</summary>
    public Result? Refusal(PurchaseInput input, CustomerActor by) => this switch
    {
        { Customer: null } => Result.Fail(nameof(input.CustomerId), "The customer was not found."),
        { Customer.Status: not CustomerStatus.Active } => Result.Fail(nameof(input.CustomerId), "This customer's account is closed."),
        _ when !ShopFound || (by.ShopId is { } own && own != input.ShopId) => Result.Fail(nameof(input.ShopId), "Record the purchase in your own shop."),
        _ => null,
    };

    /// <summary>The terms, or terms with no customer (refused) when the customer is not this tenant's.</summary>
    public static async Task<PurchaseTerms> ReadAsync(AppDbContext db, Guid tenantId, PurchaseInput input, CancellationToken ct)
    {
        var query = Queries.GetValue(db.Model, _ => Compile());
        if (await query(db, tenantId, input.CustomerId, input.ShopId, ct) is not { } row)
        {
            return new PurchaseTerms(null, false, "", default, 0, LoyaltyMath.NeutralMultiplierPercent);
        }

        var defaults = new LoyaltySettings();
        return new PurchaseTerms(
            row.Customer, row.ShopFound, row.Currency,
            new EarnRule(row.EarnPoints ?? defaults.EarnPoints, row.EarnSpendMinor ?? defaults.EarnSpendMinor),
            row.ValidityMonths ?? defaults.PointsValidityMonths,
            row.Multiplier ?? LoyaltyMath.NeutralMultiplierPercent);
    }

    private sealed class Row
    {
        public required Customer Customer { get; init; }

        public required string Currency { get; init; }

        public bool ShopFound { get; init; }

        public int? EarnPoints { get; init; }

        public long? EarnSpendMinor { get; init; }

        public int? ValidityMonths { get; init; }

        public int? Multiplier { get; init; }
    }
}
