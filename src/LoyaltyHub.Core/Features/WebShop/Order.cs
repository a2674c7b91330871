using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyHub.Core.Features.WebShop;

/// <summary>Where an order stands in the web shop; <see cref="Ready"/> enables the "ready for pickup" notice.</summary>
public enum OrderStatus
{
    Pending = 0,
    Processing = 1,
    Ready = 2,
    Shipped = 3,
    Delivered = 4,
    Completed = 5,
    Cancelled = 6,
    Refunded = 7,
}

/// <summary>
/// The payment state the web shop reports. Abandoned-cart reminders (SPEC §8) are allowed only while
/// the cart's order is missing or in AwaitingPayment, Refused, Cancelled or TechnicalError.
/// </summary>
public enum PaymentState
{
    AwaitingPayment = 0,
    Processing = 1,
    Confirmed = 2,
    Refused = 3,
    Cancelled = 4,
    TechnicalError = 5,
    Refunded = 6,
}

/// <summary>An order placed in the merchant's web shop and pushed through the integration API (SPEC §14).</summary>
public sealed class Order : ITenantOwned
{
    public int Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>The shop's own order number; unique in the tenant and what the API addresses.</summary>
    public required string Number { get; set; }

    /// <summary>The customer with this order's email or phone, when there is one.</summary>
    public int? CustomerId { get; set; }

    public string? Email { get; set; }

    /// <summary>E.164.</summary>
    public string? Phone { get; set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    /// <summary>en, fr, it or ru: the language of the messages about this order.</summary>
    public string Language { get; set; } = "en";

    /// <summary>Total including VAT, in minor units of <see cref="Currency"/>.</summary>
    public long AmountMinor { get; set; }

    public required string Currency { get; set; }

    public OrderStatus Status { get; set; }

    public PaymentState PaymentState { get; set; }

    /// <summary>The shop where the customer collects the order, if it is collected in a shop (its staff notify "ready").</summary>
    public int? PickupShopId { get; set; }

    /// <summary>The cart the order came from (its external id), so a recovered cart is recognised.</summary>
    public string? CartId { get; set; }

    public List<OrderLine> Lines { get; set; } = [];

    public DateTimeOffset PlacedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class OrderLine : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public int OrderId { get; set; }

    /// <summary>The shop's product code (SKU).</summary>
    public required string ProductCode { get; set; }

    public required string Name { get; set; }

    public int Quantity { get; set; }

    public long UnitPriceMinor { get; set; }
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.Property(o => o.Number).HasMaxLength(WebShopLimits.ExternalId);
        builder.HasIndex(o => new { o.TenantId, o.Number }).IsUnique();
        builder.HasIndex(o => new { o.TenantId, o.CustomerId });
        builder.HasIndex(o => new { o.TenantId, o.CartId });
        builder.Property(o => o.Email).HasMaxLength(254);
        builder.Property(o => o.Phone).HasMaxLength(20);
        builder.Property(o => o.FirstName).HasMaxLength(100);
        builder.Property(o => o.LastName).HasMaxLength(100);
        builder.Property(o => o.Language).HasMaxLength(2);
        builder.Property(o => o.Currency).HasMaxLength(3);
        builder.Property(o => o.CartId).HasMaxLength(WebShopLimits.ExternalId);
        builder.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Customers.Customer>().WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Shops.Shop>().WithMany().HasForeignKey(o => o.PickupShopId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(o => new { o.TenantId, o.Status, o.PickupShopId });
        // The order screens (OrderQueries): the list newest first, paged along this index (the id is
        // the sort's tie-breaker), and the search by email.
        builder.HasIndex(o => new { o.TenantId, o.PlacedAt, o.Id });
        builder.HasIndex(o => new { o.TenantId, o.Email });
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> builder)
    {
        builder.Property(l => l.ProductCode).HasMaxLength(WebShopLimits.ProductCode);
        builder.Property(l => l.Name).HasMaxLength(WebShopLimits.LineName);
    }
}

/// <summary>Field lengths shared by the entities and the API's validation.</summary>
public static class WebShopLimits
{
    public const int ExternalId = 64, ProductCode = 64, LineName = 200, Lines = 500, Url = 2048, Reason = 1000;
}
