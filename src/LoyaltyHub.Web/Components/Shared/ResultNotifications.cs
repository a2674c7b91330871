using LoyaltyHub.Core.Common;
using Radzen;

namespace LoyaltyHub.Web.Components.Shared;

internal static class ResultNotifications
{
    /// <summary>A success toast, or an error toast with every message of the failed <paramref name="result"/>.</summary>
    public static void NotifyResult(this NotificationService notifications, Result result, string success)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        ArgumentNullException.ThrowIfNull(result);
        notifications.Notify(result.Succeeded
            ? new NotificationMessage { Severity = NotificationSeverity.Success, Summary = success }
            : new NotificationMessage { Severity = NotificationSeverity.Error, Summary = string.Join(" ", result.Errors.Values.SelectMany(e => e)) });
    }
}
