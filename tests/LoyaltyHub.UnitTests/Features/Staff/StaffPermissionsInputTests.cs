using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Features.Staff;

namespace LoyaltyHub.UnitTests.Features.Staff;

public sealed class StaffPermissionsInputTests
{
    [Theory]
    [InlineData(false, false, false)]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, true, true)]
    [InlineData(true, true, true)]
    public void Consistent_combinations_pass(bool individual, bool orderReady, bool otherShops) =>
        Assert.Null(Result.Validate(new StaffPermissionsInput
        {
            SendIndividualMessages = individual,
            SendOrderReadyNotices = orderReady,
            NotifyOtherShopsOrders = otherShops,
        }));

    [Fact]
    public void Other_shops_orders_need_order_ready_notifications()
    {
        var result = Result.Validate(new StaffPermissionsInput { NotifyOtherShopsOrders = true });

        Assert.NotNull(result);
        var (field, messages) = Assert.Single(result.Errors);
        Assert.Equal(nameof(StaffPermissionsInput.NotifyOtherShopsOrders), field);
        Assert.Equal([StaffPermissionsInput.OtherShopsNeedsOrderReady], messages);
    }
}
