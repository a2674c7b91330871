using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyHub.Core.Features.Tenancy;

/// <summary>A subscribing business. Everything a merchant owns points back here.</summary>
[GlobalEntity("The tenant table itself: the platform lists it, and sign-up and public links resolve it.")]
public sealed class Tenant
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    /// <summary>URL-safe handle used in the merchant's public links (/me/{slug}).</summary>
    public required string Slug { get; set; }

    /// <summary>ISO 3166-1 alpha-2 country code.</summary>
    public required string Country { get; set; }

    /// <summary>Default language of the merchant's users and customers (en, fr, it, ru).</summary>
    public required string Language { get; set; }

    public string TimeZone { get; set; } = "Europe/Paris";

    /// <summary>ISO 4217 currency code.</summary>
    public string Currency { get; set; } = "EUR";

    public string? Phone { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// The merchant's legal notice shown to customers on their portal (terms, data protection).
    /// Plain text: the portal shows it with its line breaks and never as HTML.
    /// </summary>
    public string? LegalText { get; set; }
}

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.Slug).HasMaxLength(60);
        builder.HasIndex(t => t.Slug).IsUnique();
        builder.Property(t => t.Country).HasMaxLength(2);
        builder.Property(t => t.Language).HasMaxLength(8);
        builder.Property(t => t.TimeZone).HasMaxLength(64);
        builder.Property(t => t.Currency).HasMaxLength(3);
        builder.Property(t => t.Phone).HasMaxLength(32);
        builder.Property(t => t.LegalText).HasMaxLength(LegalTexts.MaxLength);
    }
}
