using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Shops;
using LoyaltyHub.Core.Features.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Identity;

/// <summary>Tenancy rules for the Identity tables, which ASP.NET Core Identity defines.</summary>
internal static class IdentityModel
{
    private const string ReachedThroughUser =
        "Identity store rows, reached only through their user, which is itself tenant-filtered.";

    public static void Configure(ModelBuilder builder, AppDbContext context)
    {
        builder.Entity<AppUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(200);
            user.Property(u => u.Language).HasMaxLength(8);
            user.HasIndex(u => new { u.TenantId, u.Email });
            user.HasOne<Tenant>().WithMany().HasForeignKey(u => u.TenantId).OnDelete(DeleteBehavior.Restrict);
            user.HasOne<Shop>().WithMany().HasForeignKey(u => u.ShopId).OnDelete(DeleteBehavior.Restrict);
            // One login per customer; customers are never deleted (closing keeps the row).
            user.HasOne<Customer>().WithMany().HasForeignKey(u => u.CustomerId).OnDelete(DeleteBehavior.Restrict);
            user.HasIndex(u => u.CustomerId).IsUnique();
            // Sign-in must find a user before any tenant is known, so with no tenant in scope the
            // filter lets all users through; inside a tenant it shows only that tenant's users.
            user.HasQueryFilter(TenantModel.FilterName,
                u => context.CurrentTenantId == null || u.TenantId == context.CurrentTenantId);
        });
        // Roles, claims, logins, tokens (and passkeys, where the schema version has them).
        foreach (var entityType in builder.Model.GetEntityTypes()
                     .Where(t => t.ClrType.Namespace == typeof(IdentityRole).Namespace))
        {
            entityType.SetAnnotation(TenantModel.GlobalAnnotation, ReachedThroughUser);
        }
    }
}
