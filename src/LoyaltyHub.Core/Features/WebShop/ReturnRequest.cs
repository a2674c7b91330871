using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyHub.Core.Features.WebShop;

/// <summary>A customer's request to return products of an order, as reported by the web shop.</summary>
public sealed class ReturnRequest : ITenantOwned
{
    public int Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>The shop's return id; unique in the tenant.</summary>
    public required string ExternalId { get; set; }

    public int OrderId { get; set; }

    public string? Reason { get; set; }

    /// <summary>Product codes and quantities as "code × qty" lines, for the merchant's alert.</summary>
    public required string Items { get; set; }

    public DateTimeOffset RequestedAt { get; set; }
}

internal sealed class ReturnRequestConfiguration : IEntityTypeConfiguration<ReturnRequest>
{
    public void Configure(EntityTypeBuilder<ReturnRequest> builder)
    {
        builder.Property(r => r.ExternalId).HasMaxLength(WebShopLimits.ExternalId);
        builder.HasIndex(r => new { r.TenantId, r.ExternalId }).IsUnique();
        builder.Property(r => r.Reason).HasMaxLength(WebShopLimits.Reason);
        builder.Property(r => r.Items).HasMaxLength(8000);
        builder.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Restrict);
    }
}
