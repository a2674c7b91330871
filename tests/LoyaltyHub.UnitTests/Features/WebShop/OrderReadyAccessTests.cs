using LoyaltyHub.Core.Features.Messaging;
using LoyaltyHub.Core.Features.Staff;
using LoyaltyHub.Core.Features.WebShop;

namespace LoyaltyHub.UnitTests.Features.WebShop;

/// <summary>Who is offered the "order ready" button, and what it says after a press.</summary>
public sealed class OrderReadyAccessTests
{
    private const int Mine = 1, Other = 2;

    private static readonly StaffPermissions None = new();
    private static readonly StaffPermissions OwnShop = new() { SendOrderReadyNotices = true };
    private static readonly StaffPermissions AnyShop = new() { SendOrderReadyNotices = true, NotifyOtherShopsOrders = true };

    [Theory]
    [InlineData(OrderStatus.Pending)]
    [InlineData(OrderStatus.Processing)]
    [InlineData(OrderStatus.Shipped)]
    [InlineData(OrderStatus.Completed)]
    [InlineData(OrderStatus.Cancelled)]
    public void Only_a_ready_order_offers_the_button_even_to_a_manager(OrderStatus status)
    {
        Assert.Equal(OrderReadyAccess.NotReady, OrderReadyAccess.Refusal(status, Mine, AnyShop, null, actsAsManager: true));
        Assert.Equal(OrderReadyAccess.NotReady, OrderReadyAccess.Refusal(status, Mine, AnyShop, Mine, actsAsManager: false));
    }

    [Fact]
    public void Managers_may_notify_any_ready_order_whatever_the_staff_settings()
    {
        Assert.Null(OrderReadyAccess.Refusal(OrderStatus.Ready, Other, None, null, actsAsManager: true));
        Assert.Null(OrderReadyAccess.Refusal(OrderStatus.Ready, null, None, null, actsAsManager: true));
        Assert.True(OrderReadyAccess.SeesAllShops(None, actsAsManager: true));
    }

    [Fact]
    public void Staff_need_the_permission_and_the_other_shops_one_for_orders_not_collected_at_their_shop()
    {
        Assert.Equal(OrderReadyAccess.StaffNotAllowed, OrderReadyAccess.Refusal(OrderStatus.Ready, Mine, None, Mine, actsAsManager: false));
        Assert.Null(OrderReadyAccess.Refusal(OrderStatus.Ready, Mine, OwnShop, Mine, actsAsManager: false));
        Assert.Equal(OrderReadyAccess.OtherShop, OrderReadyAccess.Refusal(OrderStatus.Ready, Other, OwnShop, Mine, actsAsManager: false));
        Assert.Equal(OrderReadyAccess.OtherShop, OrderReadyAccess.Refusal(OrderStatus.Ready, null, OwnShop, Mine, actsAsManager: false));
        Assert.Null(OrderReadyAccess.Refusal(OrderStatus.Ready, Other, AnyShop, Mine, actsAsManager: false));
        Assert.False(OrderReadyAccess.SeesAllShops(OwnShop, actsAsManager: false));
        Assert.True(OrderReadyAccess.SeesAllShops(AnyShop, actsAsManager: false));
    }

    [Fact]
    public void The_result_names_the_channels_and_the_merchants_time()
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var queued = new DateTimeOffset(2026, 11, 23, 13, 2, 0, TimeSpan.Zero); // 14:02 in Paris
        var sent = new OrderReadyNotice(queued, [MessageChannel.Email, MessageChannel.Sms], AlreadySent: false);
        var again = new OrderReadyNotice(queued, [MessageChannel.Sms], AlreadySent: true);

        Assert.Equal("Sent by SMS and email at 14:02.", OrderTexts.Notice(sent, paris, queued.AddSeconds(1)));
        Assert.Equal("Already sent by SMS at 14:02.", OrderTexts.Notice(again, paris, queued.AddMinutes(5)));
        Assert.Equal("Already sent by SMS at 23 Nov 2026 14:02.", OrderTexts.Notice(again, paris, queued.AddDays(1)));
    }
}
