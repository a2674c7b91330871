using System.Security.Claims;
using LoyaltyHub.Core.Tenancy;

namespace LoyaltyHub.UnitTests.Tenancy;

public sealed class TenantClaimsTests
{
    private static ClaimsPrincipal User(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "test"));

    [Fact]
    public void Tenant_and_shop_are_read_from_their_claims()
    {
        var tenant = Guid.NewGuid();
        var user = User((TenantClaims.TenantId, tenant.ToString()), (TenantClaims.ShopId, "42"));

        Assert.Equal(tenant, user.GetTenantId());
        Assert.Equal(42, user.GetShopId());
    }

    [Fact]
    public void A_user_without_the_claims_has_no_tenant_and_no_shop()
    {
        var user = User((ClaimTypes.Name, "anna@example.com"));

        Assert.Null(user.GetTenantId());
        Assert.Null(user.GetShopId());
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-guid")]
    [InlineData("12345")]
    [InlineData("00000000-0000-0000-0000-00000000000G")]
    public void A_garbage_tenant_claim_is_rejected(string value) =>
        Assert.Null(User((TenantClaims.TenantId, value)).GetTenantId());

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("+7")]
    [InlineData(" 7")]
    [InlineData("4.2")]
    [InlineData("1,000")]
    [InlineData("99999999999")]
    public void A_garbage_shop_claim_is_rejected(string value) =>
        Assert.Null(User((TenantClaims.ShopId, value)).GetShopId());

    [Fact]
    public void A_null_user_is_a_bug()
    {
        Assert.Throws<ArgumentNullException>(() => ((ClaimsPrincipal)null!).GetTenantId());
        Assert.Throws<ArgumentNullException>(() => ((ClaimsPrincipal)null!).GetShopId());
    }
}
