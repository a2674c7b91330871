using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using LoyaltyHub.Core.Features.Integration;
using LoyaltyHub.Core.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace LoyaltyHub.Web.Endpoints.Api;

/// <summary>
/// The integration API's authentication: HTTP Basic with the tenant's API key as user name and
/// its API secret as password (both shown in "My account"). Only /api requests use it — the
/// request selector in <see cref="ApiServices"/> sends them here and never to the sign-in cookie,
/// so a browser session cannot be used to call the API (no cross-site request forgery).
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiCredentialService credentials)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ClientRole = "ApiClient";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || !TryDecode(header.Parameter, out var key, out var secret))
        {
            return AuthenticateResult.Fail("Use HTTP Basic authentication with the API key and secret.");
        }

        if (await credentials.AuthenticateAsync(key, secret, Context.RequestAborted) is not { } tenantId)
        {
            return AuthenticateResult.Fail("The API key or secret is wrong.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, "api:" + key),
                new Claim(ClaimTypes.Name, "web shop"),
                new Claim(ClaimTypes.Role, ClientRole),
                new Claim(TenantClaims.TenantId, tenantId.ToString()),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Basic realm=\"LoyaltyHub API\", charset=\"UTF-8\"";
        await ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Authentication required",
            "Send the API key and secret from \"My account\" with HTTP Basic authentication (key as user name, secret as password).");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", "These credentials cannot use this endpoint.");

    private static bool TryDecode(string? parameter, out string key, out string secret)
    {
        (key, secret) = ("", "");
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(parameter ?? ""));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return false;
            }

            (key, secret) = (text[..colon], text[(colon + 1)..]);
            return secret.Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
