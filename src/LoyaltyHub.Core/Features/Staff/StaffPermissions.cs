using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyHub.Core.Features.Staff;

/// <summary>
/// What a tenant's counter staff may do with messages (SPEC §2, seed 004). One row per tenant,
/// created on the first save. Everything is off until a manager allows it: messages cost credits.
/// Stored now; the messaging issue enforces them.
/// </summary>
public sealed class StaffPermissions : ITenantOwned
{
    public int Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>Staff may send an individual message from a customer's page.</summary>
    public bool SendIndividualMessages { get; set; }

    /// <summary>Staff may send "order ready" notifications.</summary>
    public bool SendOrderReadyNotices { get; set; }

    /// <summary>Staff may send "order ready" notifications for orders of other shops too.</summary>
    public bool NotifyOtherShopsOrders { get; set; }
}

internal sealed class StaffPermissionsConfiguration : IEntityTypeConfiguration<StaffPermissions>
{
    public void Configure(EntityTypeBuilder<StaffPermissions> builder) => builder.HasIndex(p => p.TenantId).IsUnique();
}
