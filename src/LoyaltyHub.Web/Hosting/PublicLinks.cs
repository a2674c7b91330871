using LoyaltyHub.Core.Common;
using Microsoft.AspNetCore.Components;

namespace LoyaltyHub.Web.Hosting;

/// <summary>
/// Absolute links for emails. <c>App:PublicBaseUrl</c> wins (required outside Development, so a
/// forged Host header can never shape a password-reset link); otherwise the current request's
/// host, or the circuit's base address.
/// </summary>
internal sealed class PublicLinks(IConfiguration configuration, IHttpContextAccessor http, NavigationManager navigation)
    : IPublicLinks
{
    public string Absolute(string relativePath)
    {
        var baseUrl = configuration["App:PublicBaseUrl"];
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            var request = http.HttpContext?.Request;
            baseUrl = request is not null ? $"{request.Scheme}://{request.Host}{request.PathBase}/" : navigation.BaseUri;
        }

        return new Uri(new Uri(baseUrl.TrimEnd('/') + "/"), relativePath.TrimStart('/')).ToString();
    }
}
