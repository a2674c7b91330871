using System.Globalization;
using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Catalog;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Rewards;
using LoyaltyHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Loyalty;

/// <summary>
/// Records and voids purchases and adjusts points. Every change is one transaction, begun through
/// the <see cref="WriteGate"/>, that appends ledger rows and moves the cached balance with a
/// conditional update (see <see cref="LedgerWriter"/>). A purchase is recorded in a handful of
/// statements: one read of everything the rules need before the transaction, then the purchase row
/// (its unique key settles retries), the balance, the ledger rows and the visit. The gift card
/// feature is optional: without an <see cref="IGiftCardPayments"/> a gift-card payment is refused.
/// </summary>
public sealed class PurchaseService(
    IDbContextFactory<AppDbContext> dbFactory, ITenantContext tenant, TimeProvider clock, WriteGate writes, IGiftCardPayments? giftCards = null,
    ILoyaltyEvents? events = null)
{
    /// <summary>How long the counter may undo its own purchase.</summary>
    public static readonly TimeSpan UndoWindow = TimeSpan.FromMinutes(10);

    private const string RewardUnavailable = "A reward you chose is not available for this customer here any more.";

    public async Task<Result<PurchaseReceipt>> RecordAsync(PurchaseInput input, CustomerActor by, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(by);
        if (Check(input) is { } invalid)
        {
            return Result<PurchaseReceipt>.From(invalid);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tenantId = tenant.TenantId ?? throw new TenantIsolationException("A purchase belongs to a tenant.");
        var terms = await PurchaseTerms.ReadAsync(db, tenantId, input, ct);
        if ((terms.Refusal(input, by) ?? await CheckCatalogAsync(db, input, ct)) is { } wrong)
        {
            return Result<PurchaseReceipt>.From(wrong);
        }

        var programs = input.RewardProgramIds.Count == 0 ? [] : await db.Set<RewardProgram>().AsNoTracking()
            .Where(p => input.RewardProgramIds.Contains(p.Id)).ToListAsync(ct);
        if (programs.Count != input.RewardProgramIds.Count)
        {
            return Result<PurchaseReceipt>.Fail(nameof(input.RewardProgramIds), RewardUnavailable);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var purchase = Price(input, programs, terms.Currency, now, by);
        purchase.PointsEarned = LoyaltyMath.PointsEarned(input.AmountMinor - purchase.DiscountMinor, terms.EarnRule, terms.MultiplierPercent);
        var change = new BalanceChange(purchase.PointsEarned - purchase.PointsSpent, purchase.CashbackEarnedMinor - purchase.CashbackSpentMinor, 1, 1)
        {
            PointsNeeded = purchase.PointsSpent,
            CashbackNeeded = purchase.CashbackSpentMinor,
        };

        var transaction = await writes.BeginAsync(db, ct);
        await using (transaction)
        {
            db.Add(purchase);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The unique (tenant, key) index: the same purchase was saved first by a retry.
                await transaction.DisposeAsync();
                db.ChangeTracker.Clear();
                return await ReceiptByKeyAsync(db, input.IdempotencyKey, ct) is { } first
                    ? Result<PurchaseReceipt>.Ok(first)
                    : throw new InvalidOperationException("The purchase could not be saved.");
            }

            // The balance row is locked from here on, so the visit count it returns is exact.
            if (await LedgerWriter.TryApplyAsync(db, tenantId, input.CustomerId, change, ct) is not { } balance)
            {
                return Result<PurchaseReceipt>.From(await ShortfallAsync(db, input.CustomerId, purchase.PointsSpent, purchase.CashbackSpentMinor, ct));
            }

            // Points were settled by the update above, which answers "Not enough points: …" and
            // decides between two concurrent redemptions; the other rules are checked here.
            if (programs.Count > 0 && !await RewardsAvailableAsync(db, programs, terms, purchase, balance.PurchaseCount - 1, ct))
            {
                return Result<PurchaseReceipt>.Fail(nameof(input.RewardProgramIds), RewardUnavailable);
            }

            AppendLedger(db, purchase, terms.PointsValidityMonths, now, by);
            MarkVisit(db, tenantId, input.CustomerId, now);
            if (purchase.GiftCardPaidMinor > 0)
            {
                var paid = await giftCards!.DebitAsync(db, purchase.GiftCardNumber!, purchase.GiftCardPaidMinor, purchase.IdempotencyKey, ct);
                if (!paid.Succeeded)
                {
                    // The card's message ("not found", "expired", "only 3.00 left") belongs to the card field.
                    return Result<PurchaseReceipt>.Fail(nameof(PurchaseInput.GiftCardNumber), paid.Errors.Values.SelectMany(e => e).First());
                }
            }

            if (purchase.PointsEarned > 0 && events is not null)
            {
                await events.PointsCreditedAsync(db, new PointsCredited(terms.Customer!, purchase.Id, purchase.PointsEarned, balance.Points), ct);
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return Result<PurchaseReceipt>.Ok(Receipt(purchase, balance, programs));
        }
    }

    /// <summary>
    /// Reverses everything the purchase earned or spent with new ledger rows, once. A manager may
    /// void any purchase; staff only their own shop's, within <see cref="UndoWindow"/> (the undo).
    /// Refused when the points it earned are already spent (the balance would go below zero).
    /// </summary>
    public async Task<Result> VoidAsync(long purchaseId, CustomerActor by, string reason, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Result.Fail(nameof(reason), "Give the reason for the void.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tenantId = tenant.TenantId ?? throw new TenantIsolationException("A purchase belongs to a tenant.");
        var purchase = await db.Set<Purchase>().AsNoTracking().Include(p => p.Rewards).FirstOrDefaultAsync(p => p.Id == purchaseId, ct);
        if (purchase is null)
        {
            return Result.NotFound("The purchase");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (by.ShopId is { } shopId && (shopId != purchase.ShopId || now - purchase.CreatedAt > UndoWindow))
        {
            return Result.Fail("", "A purchase can be undone only by its shop, within 10 minutes; ask a manager to void it.");
        }

        await using var transaction = await writes.BeginAsync(db, ct);
        // Conditional: of two concurrent voids, one marks the purchase and the other stops here.
        var marked = await db.Set<Purchase>().Where(p => p.Id == purchaseId && p.VoidedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.VoidedAt, now).SetProperty(p => p.VoidedByUserId, by.UserId)
                .SetProperty(p => p.VoidReason, reason.Trim()), ct);
        if (marked == 0)
        {
            return Result.Fail("", "This purchase is already voided.");
        }

        var change = new BalanceChange(purchase.PointsSpent - purchase.PointsEarned, purchase.CashbackSpentMinor - purchase.CashbackEarnedMinor, -1, -1);
        if (await LedgerWriter.TryApplyAsync(db, tenantId, purchase.CustomerId, change, ct) is null)
        {
            var balance = await LedgerWriter.ReadAsync(db, purchase.CustomerId, ct);
            return Result.Fail("", string.Format(CultureInfo.InvariantCulture,
                "The points or cashback of this purchase were already spent: {0} points and {1} cashback available, {2} and {3} needed.",
                balance.Points, balance.CashbackMinor, change.PointsNeeded, change.CashbackNeeded));
        }

        AppendReversal(db, purchase, now, by, reason.Trim());
        if (purchase.GiftCardPaidMinor > 0 && giftCards is not null)
        {
            await giftCards.ReverseAsync(db, purchase.IdempotencyKey, ct);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result.Ok();
    }

    /// <summary>A manager's correction, with a reason; never takes the balance below zero. Positive adjustments do not expire.</summary>
    public async Task<Result<long>> AdjustPointsAsync(int customerId, long delta, string reason, CustomerActor by, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (by.ShopId is not null)
        {
            return Result<long>.Fail("", "Only a manager can adjust points.");
        }

        if (delta == 0)
        {
            return Result<long>.Fail(nameof(delta), "Enter the points to add or remove.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Result<long>.Fail(nameof(reason), "Give the reason for the adjustment.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tenantId = tenant.TenantId ?? throw new TenantIsolationException("Points belong to a tenant.");
        if (!await db.Customers.AnyAsync(c => c.Id == customerId && c.Status == CustomerStatus.Active, ct))
        {
            return Result<long>.From(Result.NotFound("The customer"));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await writes.BeginAsync(db, ct);
        if (await LedgerWriter.TryApplyAsync(db, tenantId, customerId, new BalanceChange(delta, 0), ct) is not { } balance)
        {
            var available = (await LedgerWriter.ReadAsync(db, customerId, ct)).Points;
            return Result<long>.Fail(nameof(delta), BelowZero(available, -delta));
        }

        db.Add(new PointEntry
        {
            CustomerId = customerId, Delta = delta, Kind = PointKind.Adjust, ByUserId = by.UserId, Reason = reason.Trim(), CreatedAt = now,
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result<long>.Ok(balance.Points);
    }

    /// <summary>The message of an adjustment that would take the balance below zero.</summary>
    public static string BelowZero(long available, long removed) =>
        string.Create(CultureInfo.InvariantCulture, $"Points never go below zero: {available} available, {removed} to remove.");

    /// <summary>The customer's cached points and cashback (zero before the first ledger row).</summary>
    public async Task<CustomerBalance> BalanceAsync(int customerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<LoyaltyBalance>().Where(b => b.CustomerId == customerId)
            .Select(b => new CustomerBalance(b.Points, b.CashbackMinor, b.PurchaseCount))
            .FirstOrDefaultAsync(ct) ?? new CustomerBalance(0, 0, 0);
    }

    private Result? Check(PurchaseInput input)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];
        if (input.IdempotencyKey == Guid.Empty)
        {
            Add(nameof(input.IdempotencyKey), "The purchase has no key; reload the counter.");
        }

        if (input.AmountMinor <= 0)
        {
            Add(nameof(input.AmountMinor), "Enter an amount above zero.");
        }

        if (input.Lines.Any(l => l.AmountMinor < 0 || l.Quantity < 1))
        {
            Add(nameof(input.Lines), "Each line needs a quantity of at least 1 and an amount of zero or more.");
        }
        else if (input.Lines.Sum(l => l.AmountMinor) > input.AmountMinor)
        {
            Add(nameof(input.Lines), "The lines add up to more than the amount.");
        }

        if (input.RewardProgramIds.Distinct().Count() != input.RewardProgramIds.Count)
        {
            Add(nameof(input.RewardProgramIds), "A reward can be used once per purchase.");
        }

        if (input.CashbackToSpendMinor < 0)
        {
            Add(nameof(input.CashbackToSpendMinor), "The cashback to use cannot be negative.");
        }

        if (input.GiftCardMinor < 0)
        {
            Add(nameof(input.GiftCardMinor), "The gift-card amount cannot be negative.");
        }
        else if (input.GiftCardMinor > 0 && string.IsNullOrWhiteSpace(input.GiftCardNumber))
        {
            Add(nameof(input.GiftCardNumber), "Enter the gift card number.");
        }
        else if (input.GiftCardMinor > 0 && giftCards is null)
        {
            Add(nameof(input.GiftCardNumber), "Gift-card payment is not available.");
        }

        return errors.Count == 0 ? null : Result.Fail(errors);
    }

    /// <summary>
    /// The catalog ids of the lines must be this tenant's (the filter hides others as "not found")
    /// and on sale: an archived product or category is kept for past purchases only.
    /// </summary>
    private static async Task<Result?> CheckCatalogAsync(AppDbContext db, PurchaseInput input, CancellationToken ct)
    {
        var categories = input.Lines.Where(l => l.CategoryId is not null).Select(l => l.CategoryId!.Value).Distinct().ToList();
        var products = input.Lines.Where(l => l.ProductId is not null).Select(l => l.ProductId!.Value).Distinct().ToList();
        var archived = new List<bool>();
        if (categories.Count > 0)
        {
            archived.AddRange(await db.Set<Category>().Where(c => categories.Contains(c.Id)).Select(c => c.Archived).ToListAsync(ct));
        }

        if (products.Count > 0)
        {
            archived.AddRange(await db.Set<Product>().Where(p => products.Contains(p.Id)).Select(p => p.Archived).ToListAsync(ct));
        }

        return archived.Count != categories.Count + products.Count
            ? Result.Fail(nameof(input.Lines), "A line names a category or product that does not exist.")
            : archived.Contains(true)
                ? Result.Fail(nameof(input.Lines), "A line names an archived category or product; choose one on sale.")
                : null;
    }

    /// <summary>
    /// The rules of the chosen programs other than their points, for <paramref name="recorded"/>,
    /// already saved in this transaction (<paramref name="purchasesBefore"/> is read under the
    /// balance row's lock, so it is exact).
    /// </summary>
    private static async Task<bool> RewardsAvailableAsync(
        AppDbContext db, List<RewardProgram> programs, PurchaseTerms terms, Purchase recorded, int purchasesBefore, CancellationToken ct)
    {
        var welcome = programs.Where(p => p.Trigger == RewardTrigger.WelcomeGift).Select(p => p.Id).ToList();
        var welcomeUsed = welcome.Count == 0 ? [] : await (
            from r in db.Set<PurchaseReward>()
            join p in db.Set<Purchase>() on r.PurchaseId equals p.Id
            where p.CustomerId == recorded.CustomerId && p.Id != recorded.Id && p.VoidedAt == null && welcome.Contains(r.RewardProgramId)
            select r.RewardProgramId).Distinct().ToListAsync(ct);
        var context = new RewardContext(recorded.ShopId, terms.IsPro, long.MaxValue, purchasesBefore, welcomeUsed.ToHashSet());
        return programs.All(p => RewardRules.IsAvailable(p, context));
    }

    /// <summary>
    /// Applies the rewards to the amount: discounts one after the other on what is left to pay;
    /// cashback percent on the amount after discounts. Cashback and gift card then pay part of it.
    /// Points are earned on the amount after discounts (the caller), as the customer paid that
    /// value, whatever the means of payment.
    /// </summary>
    private static Purchase Price(PurchaseInput input, List<RewardProgram> programs, string currency, DateTime now, CustomerActor by)
    {
        var purchase = new Purchase
        {
            IdempotencyKey = input.IdempotencyKey, ShopId = input.ShopId, StaffUserId = by.UserId, CustomerId = input.CustomerId,
            AmountMinor = input.AmountMinor, Currency = currency, CreatedAt = now,
        };
        purchase.Lines.AddRange(input.Lines.Select(l => new PurchaseLine
        {
            CategoryId = l.CategoryId, ProductId = l.ProductId, Quantity = l.Quantity, AmountMinor = l.AmountMinor,
        }));
        foreach (var program in programs.OrderBy(p => p.Type))
        {
            var toPay = input.AmountMinor - purchase.DiscountMinor;
            var reward = new PurchaseReward { RewardProgramId = program.Id, PointsSpent = RewardRules.Badge(program).PointsCost, GiftName = program.GiftName };
            if (program.Type == RewardType.DiscountPercent)
            {
                reward.DiscountMinor = toPay * program.Percent / 100;
            }
            else if (program.Type == RewardType.CashbackPercent)
            {
                reward.CashbackMinor = toPay * program.Percent / 100;
            }

            purchase.DiscountMinor += reward.DiscountMinor;
            purchase.CashbackEarnedMinor += reward.CashbackMinor;
            purchase.PointsSpent += reward.PointsSpent;
            purchase.Rewards.Add(reward);
        }

        var payable = input.AmountMinor - purchase.DiscountMinor;
        purchase.CashbackSpentMinor = Math.Min(input.CashbackToSpendMinor, payable);
        purchase.GiftCardPaidMinor = Math.Min(input.GiftCardMinor, payable - purchase.CashbackSpentMinor);
        purchase.GiftCardNumber = purchase.GiftCardPaidMinor > 0 ? input.GiftCardNumber!.Trim() : null;
        return purchase;
    }

    private static void AppendLedger(AppDbContext db, Purchase purchase, int validityMonths, DateTime now, CustomerActor by)
    {
        foreach (var reward in purchase.Rewards.Where(r => r.PointsSpent > 0))
        {
            db.Add(new PointEntry
            {
                CustomerId = purchase.CustomerId, Delta = -reward.PointsSpent, Kind = PointKind.Redeem, PurchaseId = purchase.Id,
                RewardProgramId = reward.RewardProgramId, ByUserId = by.UserId, CreatedAt = now,
            });
        }

        if (purchase.PointsEarned > 0)
        {
            db.Add(new PointEntry
            {
                CustomerId = purchase.CustomerId, Delta = purchase.PointsEarned, Kind = PointKind.Earn, PurchaseId = purchase.Id,
                ExpiresAt = now.AddMonths(validityMonths), ByUserId = by.UserId, CreatedAt = now,
            });
        }

        AddCashback(db, purchase, -purchase.CashbackSpentMinor, CashbackKind.Spend, by.UserId, null, now);
        AddCashback(db, purchase, purchase.CashbackEarnedMinor, CashbackKind.Earn, by.UserId, null, now);
    }

    /// <summary>
    /// Sets the customer's last visit in the same save (PostgreSQL: the same batch) as the ledger
    /// rows: the customer, checked by <see cref="PurchaseTerms"/>, is attached as a stub by key with
    /// only LastVisitAt modified, so the save is one UPDATE of that column and nothing else is read.
    /// </summary>
    private static void MarkVisit(AppDbContext db, Guid tenantId, int customerId, DateTime now)
    {
        var stub = db.Attach(new Customer { Id = customerId, TenantId = tenantId, CardNumber = "", FirstName = "", LastName = "" });
        stub.Property(c => c.LastVisitAt).CurrentValue = new DateTimeOffset(now, TimeSpan.Zero);
        stub.Property(c => c.LastVisitAt).IsModified = true;
    }

    private static void AppendReversal(AppDbContext db, Purchase purchase, DateTime now, CustomerActor by, string reason)
    {
        if (purchase.PointsEarned > 0)
        {
            db.Add(new PointEntry
            {
                CustomerId = purchase.CustomerId, Delta = -purchase.PointsEarned, Kind = PointKind.Reversal, PurchaseId = purchase.Id,
                ByUserId = by.UserId, Reason = reason, CreatedAt = now,
            });
        }

        foreach (var reward in purchase.Rewards.Where(r => r.PointsSpent > 0))
        {
            db.Add(new PointEntry
            {
                CustomerId = purchase.CustomerId, Delta = reward.PointsSpent, Kind = PointKind.Reversal, PurchaseId = purchase.Id,
                RewardProgramId = reward.RewardProgramId, ByUserId = by.UserId, Reason = reason, CreatedAt = now,
            });
        }

        AddCashback(db, purchase, -purchase.CashbackEarnedMinor, CashbackKind.Reversal, by.UserId, reason, now);
        AddCashback(db, purchase, purchase.CashbackSpentMinor, CashbackKind.Reversal, by.UserId, reason, now);
    }

    private static void AddCashback(AppDbContext db, Purchase purchase, long delta, CashbackKind kind, string? by, string? reason, DateTime now)
    {
        if (delta != 0)
        {
            db.Add(new CashbackEntry
            {
                CustomerId = purchase.CustomerId, DeltaMinor = delta, Kind = kind, PurchaseId = purchase.Id, ByUserId = by, Reason = reason, CreatedAt = now,
            });
        }
    }

    private static async Task<Result> ShortfallAsync(AppDbContext db, int customerId, long pointsNeeded, long cashbackNeeded, CancellationToken ct)
    {
        var balance = await LedgerWriter.ReadAsync(db, customerId, ct);
        return balance.Points < pointsNeeded
            ? Result.Fail("", LedgerWriter.NotEnoughPoints(balance.Points, pointsNeeded))
            : Result.Fail("", LedgerWriter.NotEnoughCashback(balance.CashbackMinor, cashbackNeeded));
    }

    /// <summary>The receipt of a purchase recorded before under the same key (a retry), or null.</summary>
    private static async Task<PurchaseReceipt?> ReceiptByKeyAsync(AppDbContext db, Guid key, CancellationToken ct)
    {
        var purchase = await db.Set<Purchase>().AsNoTracking().Include(p => p.Rewards).FirstOrDefaultAsync(p => p.IdempotencyKey == key, ct);
        if (purchase is null)
        {
            return null;
        }

        var ids = purchase.Rewards.Select(r => r.RewardProgramId).ToList();
        var programs = ids.Count == 0 ? [] : await db.Set<RewardProgram>().AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(ct);
        return Receipt(purchase, await LedgerWriter.ReadAsync(db, purchase.CustomerId, ct), programs);
    }

    private static PurchaseReceipt Receipt(Purchase purchase, BalanceRow balance, List<RewardProgram> programs) =>
        new(purchase.Id, purchase.AmountMinor, purchase.Currency, purchase.DiscountMinor, purchase.PointsEarned,
            purchase.PointsSpent, purchase.CashbackEarnedMinor, purchase.CashbackSpentMinor, purchase.GiftCardPaidMinor,
            balance.Points, balance.CashbackMinor, programs.Select(RewardRules.Badge).ToList(), purchase.CreatedAt);
}
