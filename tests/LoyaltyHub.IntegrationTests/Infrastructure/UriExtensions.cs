namespace LoyaltyHub.IntegrationTests.Infrastructure;

public static class UriExtensions
{
    /// <summary>Path and query of a Location header, whether it is absolute or relative.</summary>
    public static string PathAndQuery(this Uri location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.IsAbsoluteUri ? location.PathAndQuery : new Uri(new Uri("http://localhost/"), location).PathAndQuery;
    }
}
