using LoyaltyHub.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Identity;

/// <summary>
/// User names are unique across the platform (customers' carry their tenant), so the look-up by
/// name must see every tenant: Identity's duplicate check relies on it, and so does sign-in.
/// Every other look-up keeps the tenant filter.
/// </summary>
internal sealed class AppUserStore(AppDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<AppUser, IdentityRole, AppDbContext>(context, describer)
{
    public override Task<AppUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        return Users.IgnoreQueryFilters([TenantModel.FilterName])
            .FirstOrDefaultAsync(u => u.NormalizedUserName == normalizedUserName, cancellationToken);
    }
}
