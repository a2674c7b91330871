using System.ComponentModel.DataAnnotations;

namespace LoyaltyHub.Core.Features.Staff;

/// <summary>The staff permissions form.</summary>
public sealed class StaffPermissionsInput : IValidatableObject
{
    public const string OtherShopsNeedsOrderReady = "Allow order-ready notifications first: this extends them to other shops' orders.";

    public bool SendIndividualMessages { get; set; }

    public bool SendOrderReadyNotices { get; set; }

    public bool NotifyOtherShopsOrders { get; set; }

    public static StaffPermissionsInput From(StaffPermissions permissions)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        return new()
        {
            SendIndividualMessages = permissions.SendIndividualMessages,
            SendOrderReadyNotices = permissions.SendOrderReadyNotices,
            NotifyOtherShopsOrders = permissions.NotifyOtherShopsOrders,
        };
    }

    /// <summary>Other shops' orders widen the order-ready permission, so alone it would mean nothing.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (NotifyOtherShopsOrders && !SendOrderReadyNotices)
        {
            yield return new ValidationResult(OtherShopsNeedsOrderReady, [nameof(NotifyOtherShopsOrders)]);
        }
    }

    internal void ApplyTo(StaffPermissions permissions)
    {
        permissions.SendIndividualMessages = SendIndividualMessages;
        permissions.SendOrderReadyNotices = SendOrderReadyNotices;
        permissions.NotifyOtherShopsOrders = NotifyOtherShopsOrders;
    }
}
