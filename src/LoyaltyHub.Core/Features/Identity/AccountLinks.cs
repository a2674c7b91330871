using System.Text;
using LoyaltyHub.Core.Common;
using Microsoft.AspNetCore.WebUtilities;

namespace LoyaltyHub.Core.Features.Identity;

/// <summary>The account links sent by email, with their tokens base64url-encoded.</summary>
public static class AccountLinks
{
    public static string ConfirmEmail(this IPublicLinks links, string userId, string token) =>
        Build(links, "Account/ConfirmEmail", userId, token);

    public static string Activate(this IPublicLinks links, string userId, string token) =>
        Build(links, "Account/Activate", userId, token);

    public static string ResetPassword(this IPublicLinks links, string userId, string token) =>
        Build(links, "Account/ResetPassword", userId, token);

    public static string EncodeToken(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>Decodes a token from a link; null when it was altered beyond decoding.</summary>
    public static string? DecodeToken(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Build(IPublicLinks links, string path, string userId, string token)
    {
        ArgumentNullException.ThrowIfNull(links);
        return links.Absolute(QueryHelpers.AddQueryString(path, new Dictionary<string, string?>
        {
            ["userId"] = userId,
            ["code"] = EncodeToken(token),
        }));
    }
}
