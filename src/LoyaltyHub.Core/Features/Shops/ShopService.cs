using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Identity;
using LoyaltyHub.Core.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.Core.Features.Shops;

/// <summary>
/// Shops of the current tenant and their staff logins. Reads go through short-lived contexts;
/// each write runs in its own tenant scope so the shop and its login commit together.
/// </summary>
public sealed class ShopService(
    IDbContextFactory<AppDbContext> dbFactory, ITenantContext tenant, TenantScopeFactory scopes, TimeProvider clock)
{
    private const string DuplicateName = "Another shop already has this name.";

    public async Task<IReadOnlyList<ShopSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Shops
            .OrderBy(s => s.Name)
            .Select(s => new ShopSummary(s.Id, s.Name, s.Address, s.Phone, s.Email,
                db.Users.Where(u => u.ShopId == s.Id).Select(u => u.Email).FirstOrDefault(),
                db.Users.Any(u => u.ShopId == s.Id && u.EmailConfirmed)))
            .ToListAsync(cancellationToken);
    }

    public async Task<Shop?> FindAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Shops.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
    }

    /// <summary>Creates the shop and its staff login, then emails the login's activation link.</summary>
    public async Task<Result<Shop>> CreateAsync(ShopInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Result.Validate(input) is { } invalid)
        {
            return Result<Shop>.From(invalid);
        }

        await using var scope = scopes.CreateScope(RequireTenant());
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var invitations = scope.ServiceProvider.GetRequiredService<LoginInvitations>();
        var shop = new Shop { Name = "", Email = "", CreatedAt = clock.GetUtcNow() };
        input.ApplyTo(shop);
        if (await db.Shops.AnyAsync(s => s.Name == shop.Name, cancellationToken))
        {
            return Result<Shop>.Fail(nameof(ShopInput.Name), DuplicateName);
        }

        AppUser staff;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.Shops.Add(shop);
            await db.SaveChangesAsync(cancellationToken);
            staff = new AppUser
            {
                UserName = LoginNames.ForBackOffice(shop.Email),
                Email = shop.Email,
                TenantId = shop.TenantId,
                ShopId = shop.Id,
                DisplayName = shop.Name,
                CreatedAt = shop.CreatedAt,
                LockoutEnabled = true,
            };
            var created = await invitations.CreateAsync(staff, Roles.Staff);
            if (!created.Succeeded)
            {
                return Result<Shop>.Fail(nameof(ShopInput.Email), created.Errors.Values.SelectMany(e => e).First());
            }

            await transaction.CommitAsync(cancellationToken);
        }

        await invitations.SendActivationAsync(staff, StaffLoginName(shop.Name));
        return Result<Shop>.Ok(shop);
    }

    public async Task<Result> UpdateAsync(int id, ShopInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Result.Validate(input) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var shop = await db.Shops.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (shop is null)
        {
            return Result.NotFound("The shop");
        }

        input.ApplyTo(shop);
        if (await db.Shops.AnyAsync(s => s.Id != id && s.Name == shop.Name, cancellationToken))
        {
            return Result.Fail(nameof(ShopInput.Name), DuplicateName);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok();
    }

    /// <summary>Deletes the shop and its staff login together.</summary>
    public async Task<Result> DeleteAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateScope(RequireTenant());
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var shop = await db.Shops.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (shop is null)
        {
            return Result.NotFound("The shop");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var staff in await db.Users.Where(u => u.ShopId == id).ToListAsync(cancellationToken))
        {
            var deleted = await users.DeleteAsync(staff);
            if (!deleted.Succeeded)
            {
                return LoginInvitations.ToResult(deleted, "");
            }
        }

        db.Shops.Remove(shop);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok();
    }

    /// <summary>Sends the activation link again to a staff login that has not set its password.</summary>
    public async Task<Result> ResendActivationAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateScope(RequireTenant());
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var shop = await db.Shops.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        var staff = shop is null ? null : await db.Users.FirstOrDefaultAsync(u => u.ShopId == id, cancellationToken);
        if (shop is null || staff is null)
        {
            return Result.NotFound("The shop");
        }

        if (staff.EmailConfirmed)
        {
            return Result.Fail("", "This staff login is already active.");
        }

        await scope.ServiceProvider.GetRequiredService<LoginInvitations>().SendActivationAsync(staff, StaffLoginName(shop.Name));
        return Result.Ok();
    }

    private static string StaffLoginName(string shopName) => $"staff login for {shopName}";

    private Guid RequireTenant() =>
        tenant.TenantId ?? throw new TenantIsolationException("Shops are managed from inside a tenant.");
}
