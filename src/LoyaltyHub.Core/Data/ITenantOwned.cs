namespace LoyaltyHub.Core.Data;

/// <summary>
/// A row that belongs to exactly one tenant. The model gives every such entity the named query
/// filter <see cref="TenantModel.FilterName"/>, and <see cref="AppDbContext"/> stamps and checks
/// <see cref="TenantId"/> on save.
/// </summary>
public interface ITenantOwned
{
    Guid TenantId { get; set; }
}

/// <summary>
/// Marks an entity that deliberately has no tenant filter, with the reason. The architecture
/// test fails for any entity that is neither tenant-owned nor marked global.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GlobalEntityAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}
