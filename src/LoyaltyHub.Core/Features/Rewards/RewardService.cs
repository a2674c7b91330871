using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Loyalty;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Rewards;

/// <summary>
/// Reward programs of the current tenant (the manager's CRUD), and the badges a customer can use
/// now; the purchase service re-checks the same rules when a badge is clicked.
/// </summary>
public sealed class RewardService(IDbContextFactory<AppDbContext> dbFactory)
{
    private const string DuplicateTitle = "Another program already has this title.";

    public async Task<IReadOnlyList<RewardProgram>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<RewardProgram>().AsNoTracking().OrderBy(p => p.Title).ToListAsync(cancellationToken);
    }

    public async Task<RewardProgram?> FindAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<RewardProgram>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
    }

    public async Task<Result<RewardProgram>> CreateAsync(RewardProgramInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var program = new RewardProgram { Title = "" };
        db.Add(program);
        var saved = await SaveAsync(db, program, input, cancellationToken);
        return saved.Succeeded ? Result<RewardProgram>.Ok(program) : Result<RewardProgram>.From(saved);
    }

    public async Task<Result> UpdateAsync(int id, RewardProgramInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var program = await db.Set<RewardProgram>().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        return program is null ? Result.NotFound("The program") : await SaveAsync(db, program, input, cancellationToken);
    }

    /// <summary>A program already used in a purchase stays, for the history: deactivate it instead.</summary>
    public async Task<Result> DeleteAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var program = await db.Set<RewardProgram>().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (program is null)
        {
            return Result.NotFound("The program");
        }

        if (await db.Set<PurchaseReward>().AnyAsync(r => r.RewardProgramId == id, cancellationToken))
        {
            return Result.Fail("", "This program was already used by customers; deactivate it instead.");
        }

        db.Remove(program);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok();
    }

    private static async Task<Result> SaveAsync(AppDbContext db, RewardProgram program, RewardProgramInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Result.Validate(input) is { } invalid)
        {
            return invalid;
        }

        var title = input.Title.Trim();
        if (await db.Set<RewardProgram>().AnyAsync(p => p.Title == title && p.Id != program.Id, ct))
        {
            return Result.Fail(nameof(input.Title), DuplicateTitle);
        }

        // The tenant filter hides other tenants' shops, so their ids do not count.
        var shops = input.ExcludedShopIds.Distinct().ToList();
        if (await db.Shops.CountAsync(s => shops.Contains(s.Id), ct) != shops.Count)
        {
            return Result.Fail(nameof(input.ExcludedShopIds), "Choose shops from the list.");
        }

        input.ApplyTo(program);
        try
        {
            await db.SaveChangesAsync(ct);
            return Result.Ok();
        }
        catch (DbUpdateException)
        {
            // The unique (tenant, title) index settled a race with another save.
            return Result.Fail(nameof(input.Title), DuplicateTitle);
        }
    }

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

    /// <summary>
    /// What the customer's portal offers: the rewards the customer can use in at least one shop,
    /// with those shops, because a customer may shop anywhere (not only where they registered).
    /// </summary>
    public async Task<IReadOnlyList<PortalReward>> AvailableAnywhereAsync(int customerId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var context = await ContextAsync(db, customerId, 0, cancellationToken);
        if (context is null)
        {
            return [];
        }

        var shops = await db.Shops.AsNoTracking().OrderBy(s => s.Name).Select(s => new RewardShop(s.Id, s.Name)).ToListAsync(cancellationToken);
        var programs = await db.Set<RewardProgram>().AsNoTracking().OrderBy(p => p.Cost).ThenBy(p => p.Title).ToListAsync(cancellationToken);
        return RewardRules.AvailableAnywhere(programs, context, shops);
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
