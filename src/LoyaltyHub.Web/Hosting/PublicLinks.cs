using LoyaltyHub.Core.Common;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Components;

namespace LoyaltyHub.Web.Hosting;

/// <summary>
/// Absolute links for emails. <c>App:PublicBaseUrl</c> wins, and is required outside Development,
/// so a forged Host header can never shape a password-reset link. Without it (a developer's
/// machine): the current request's host, else the circuit's base address, else the address the
/// server listens on — background scopes have neither request nor circuit.
/// </summary>
internal sealed class PublicLinks(IConfiguration configuration, IHttpContextAccessor http, NavigationManager navigation, IServer server)
    : IPublicLinks
{
    public string Absolute(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var baseUrl = new Uri(BaseUrl().TrimEnd('/') + "/");
        return new Uri(baseUrl, relativePath.TrimStart('/')).ToString();
    }

    private string BaseUrl()
    {
        if (configuration["App:PublicBaseUrl"] is { Length: > 0 } configured)
        {
            return configured;
        }

        if (http.HttpContext?.Request is { } request)
        {
            return $"{request.Scheme}://{request.Host}{request.PathBase}";
        }

        try
        {
            return navigation.BaseUri;
        }
        catch (InvalidOperationException)
        {
            // Not a circuit: fall through to the listening address.
        }

        return server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Set App:PublicBaseUrl: no request or server address to build links from.");
    }
}
