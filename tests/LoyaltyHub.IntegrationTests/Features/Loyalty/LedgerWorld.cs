using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Loyalty;
using LoyaltyHub.Core.Features.Rewards;
using LoyaltyHub.Core.Features.Shops;
using LoyaltyHub.IntegrationTests.Features.Customers;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.IntegrationTests.Features.Loyalty;

/// <summary>A merchant with a shop and a customer, and the calls the ledger tests make, all through the Core services.</summary>
public sealed class LedgerWorld
{
    private LedgerWorld(TestApp app, Merchant merchant, Shop shop, Customer customer)
    {
        App = app;
        Merchant = merchant;
        Shop = shop;
        Customer = customer;
    }

    public TestApp App { get; }

    public Merchant Merchant { get; }

    public Shop Shop { get; }

    public Customer Customer { get; }

    public Guid TenantId => Merchant.TenantId;

    public CustomerActor Staff => CustomerHelpers.StaffOf(Shop);

    public static async Task<LedgerWorld> CreateAsync(TestApp app)
    {
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var shop = await Accounts.CreateShopAsync(app, merchant.TenantId);
        var customer = await CustomerHelpers.RegisterAsync(app, merchant.TenantId, shop, CustomerHelpers.NewCustomer());
        return new LedgerWorld(app, merchant, shop, customer);
    }

    public Task<Customer> NewCustomerAsync() => CustomerHelpers.RegisterAsync(App, TenantId, Shop, CustomerHelpers.NewCustomer());

    public PurchaseInput Purchase(long amountMinor, params int[] rewards) => new()
    {
        IdempotencyKey = Guid.NewGuid(), CustomerId = Customer.Id, ShopId = Shop.Id, AmountMinor = amountMinor, RewardProgramIds = [.. rewards],
    };

    public Task<Result<PurchaseReceipt>> RecordAsync(PurchaseInput input, CustomerActor? by = null) =>
        App.AsTenantAsync(TenantId, sp => sp.GetRequiredService<PurchaseService>().RecordAsync(input, by ?? Staff));

    public Task<Result> VoidAsync(long purchaseId, CustomerActor? by = null) =>
        App.AsTenantAsync(TenantId, sp => sp.GetRequiredService<PurchaseService>().VoidAsync(purchaseId, by ?? CustomerHelpers.Manager, "Wrong amount"));

    public Task<Result<long>> AdjustAsync(long delta, int? customerId = null) =>
        App.AsTenantAsync(TenantId, sp => sp.GetRequiredService<PurchaseService>()
            .AdjustPointsAsync(customerId ?? Customer.Id, delta, "Goodwill", CustomerHelpers.Manager));

    public Task<IReadOnlyList<RewardBadge>> AvailableAsync(int? customerId = null, int? shopId = null) =>
        App.AsTenantAsync(TenantId, sp => sp.GetRequiredService<RewardService>().AvailableAsync(customerId ?? Customer.Id, shopId ?? Shop.Id));

    public Task<RewardProgram> AddProgramAsync(RewardTrigger trigger, int cost, Action<RewardProgram>? edit = null) =>
        App.AsTenantAsync(TenantId, async sp =>
        {
            await using var db = await sp.GetRequiredService<IDbContextFactory<Core.Data.AppDbContext>>().CreateDbContextAsync();
            var program = new RewardProgram
            {
                Title = Accounts.UniqueName("Reward"), Type = RewardType.Gift, GiftName = "Coffee", Cost = cost, Trigger = trigger,
            };
            edit?.Invoke(program);
            db.Add(program);
            await db.SaveChangesAsync();
            return program;
        });

    /// <summary>The cached balance (0 when none yet) and the ledger sums, read without any tenant filter.</summary>
    public Task<(long Cached, long Ledger, long CachedCashback, long LedgerCashback)> BalancesAsync(int? customerId = null)
    {
        var id = customerId ?? Customer.Id;
        return App.QueryAsync(async db =>
        {
            var cached = await db.Set<LoyaltyBalance>().IgnoreQueryFilters().Where(b => b.CustomerId == id).FirstOrDefaultAsync();
            var points = await db.Set<PointEntry>().IgnoreQueryFilters().Where(e => e.CustomerId == id).SumAsync(e => (long?)e.Delta) ?? 0;
            var cashback = await db.Set<CashbackEntry>().IgnoreQueryFilters().Where(e => e.CustomerId == id).SumAsync(e => (long?)e.DeltaMinor) ?? 0;
            return (cached?.Points ?? 0, points, cached?.CashbackMinor ?? 0, cashback);
        });
    }

    /// <summary>Rows this tenant has in the ledgers and purchases: what "nothing written" compares.</summary>
    public Task<(int Points, int Cashback, int Purchases)> RowCountsAsync() => App.QueryAsync(async db => (
        await db.Set<PointEntry>().IgnoreQueryFilters().CountAsync(e => e.TenantId == TenantId),
        await db.Set<CashbackEntry>().IgnoreQueryFilters().CountAsync(e => e.TenantId == TenantId),
        await db.Set<Purchase>().IgnoreQueryFilters().CountAsync(e => e.TenantId == TenantId)));
}
