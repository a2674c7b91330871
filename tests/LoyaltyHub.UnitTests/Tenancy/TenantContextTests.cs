using LoyaltyHub.Core.Tenancy;

namespace LoyaltyHub.UnitTests.Tenancy;

public sealed class TenantContextTests
{
    private static readonly Guid Outer = Guid.NewGuid();
    private static readonly Guid Inner = Guid.NewGuid();

    [Fact]
    public void A_new_context_acts_for_no_tenant() => Assert.Null(new TenantContext().TenantId);

    [Fact]
    public void Enter_acts_for_the_tenant_until_disposed_then_restores_none()
    {
        var context = new TenantContext();

        using (context.Enter(Inner))
        {
            Assert.Equal(Inner, context.TenantId);
        }

        Assert.Null(context.TenantId);
    }

    [Fact]
    public void Enter_restores_the_tenant_that_was_set_before()
    {
        var context = new TenantContext();
        context.Set(Outer);

        var scope = context.Enter(Inner);
        Assert.Equal(Inner, context.TenantId);
        scope.Dispose();

        Assert.Equal(Outer, context.TenantId);
    }

    [Fact]
    public void Nested_scopes_unwind_one_level_at_a_time()
    {
        var context = new TenantContext();

        using (context.Enter(Outer))
        {
            using (context.Enter(Inner))
            {
                Assert.Equal(Inner, context.TenantId);
            }

            Assert.Equal(Outer, context.TenantId);
        }

        Assert.Null(context.TenantId);
    }
}
