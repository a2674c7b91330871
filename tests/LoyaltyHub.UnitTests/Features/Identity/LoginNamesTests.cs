using LoyaltyHub.Core.Features.Identity;

namespace LoyaltyHub.UnitTests.Features.Identity;

public sealed class LoginNamesTests
{
    private static readonly Guid TenantA = Guid.Parse("11111111-2222-3333-4444-555555555555");
    private static readonly Guid TenantB = Guid.Parse("99999999-8888-7777-6666-555555555555");

    [Fact]
    public void Back_office_name_is_the_trimmed_lower_cased_email() =>
        Assert.Equal("anna@example.com", LoginNames.ForBackOffice("  Anna@Example.COM \t"));

    [Fact]
    public void Customer_name_carries_the_tenant_and_the_normalized_email() =>
        Assert.Equal("11111111222233334444555555555555:anna@example.com",
            LoginNames.ForCustomer(TenantA, " ANNA@example.com "));

    [Fact]
    public void Same_email_at_two_tenants_gives_two_different_customer_names()
    {
        var atA = LoginNames.ForCustomer(TenantA, "anna@example.com");
        var atB = LoginNames.ForCustomer(TenantB, "anna@example.com");

        Assert.NotEqual(atA, atB);
        Assert.StartsWith(TenantA.ToString("N"), atA, StringComparison.Ordinal);
        Assert.StartsWith(TenantB.ToString("N"), atB, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_email_in_different_case_at_one_tenant_gives_one_customer_name() =>
        Assert.Equal(LoginNames.ForCustomer(TenantA, "anna@example.com"), LoginNames.ForCustomer(TenantA, " Anna@EXAMPLE.com"));

    [Fact]
    public void Customer_name_never_equals_the_back_office_name_of_the_same_email() =>
        Assert.NotEqual(LoginNames.ForBackOffice("anna@example.com"), LoginNames.ForCustomer(TenantA, "anna@example.com"));

    [Fact]
    public void Null_email_is_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => LoginNames.ForBackOffice(null!));
        Assert.Throws<ArgumentNullException>(() => LoginNames.ForCustomer(TenantA, null!));
    }
}
