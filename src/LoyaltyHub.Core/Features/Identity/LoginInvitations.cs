using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Features.Mail;
using Microsoft.AspNetCore.Identity;

namespace LoyaltyHub.Core.Features.Identity;

/// <summary>
/// Creates a login without a password and emails it an activation link; following the link sets
/// the password and confirms the address (see the Activate page). Staff logins are made this way
/// now, customers' in the loyalty feature.
/// </summary>
public sealed class LoginInvitations(UserManager<AppUser> users, AccountMailer mailer, IPublicLinks links)
{
    /// <summary>
    /// Creates the login and its role. Call inside the caller's transaction; send the activation
    /// after the commit, so no email ever points at a login that was rolled back.
    /// </summary>
    public async Task<Result> CreateAsync(AppUser user, string role)
    {
        ArgumentNullException.ThrowIfNull(user);
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return ToResult(created, nameof(user.Email));
        }

        var roleAdded = await users.AddToRoleAsync(user, role);
        if (!roleAdded.Succeeded)
        {
            return ToResult(roleAdded, "");
        }

        return Result.Ok();
    }

    public async Task SendActivationAsync(AppUser user, string what)
    {
        ArgumentNullException.ThrowIfNull(user);
        await SendActivationAsync(user, what, await ActivationLinkAsync(user));
    }

    /// <summary>Mails a link made by <see cref="ActivationLinkAsync"/>: the platform's plain activation email.</summary>
    public Task SendActivationAsync(AppUser user, string what, string activationLink)
    {
        ArgumentNullException.ThrowIfNull(user);
        return mailer.SendActivationLinkAsync(user, user.Email!, what, activationLink);
    }

    /// <summary>
    /// The link where the login chooses its password (valid until the password is set), for a
    /// message queued with the login's creation (the customer's "account activation").
    /// </summary>
    public async Task<string> ActivationLinkAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return links.Activate(user.Id, await users.GeneratePasswordResetTokenAsync(user));
    }

    /// <summary>Maps Identity's errors onto a form field; a taken user name means a taken email.</summary>
    public static Result ToResult(IdentityResult identity, string field)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return Result.Fail(new Dictionary<string, string[]>
        {
            [field] = identity.Errors
                .Select(e => e.Code is nameof(IdentityErrorDescriber.DuplicateUserName)
                    ? "This email address already has a login. Use another address."
                    : e.Description)
                .ToArray(),
        });
    }
}
