using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LoyaltyHub.Core.Features.Integration;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.IntegrationTests.Features.WebShop;

/// <summary>HTTP clients of the integration API, authenticated as a merchant's web shop.</summary>
public static class ApiClients
{
    public static async Task<HttpClient> ForAsync(TestApp app, Merchant merchant)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(merchant);
        var credentials = await app.AsTenantAsync(merchant.TenantId, sp => sp.GetRequiredService<ApiCredentialService>().GetAsync());
        return With(app, credentials!.Key, credentials.Secret);
    }

    public static HttpClient With(TestApp app, string key, string secret)
    {
        ArgumentNullException.ThrowIfNull(app);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{key}:{secret}")));
        return client;
    }

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, object body, string? idempotencyKey = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>The messages of a problem-details answer's field, e.g. "lines[0].quantity".</summary>
    public static IReadOnlyList<string> FieldErrors(JsonElement problem, string field) =>
        problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out var messages)
            ? [.. messages.EnumerateArray().Select(m => m.GetString()!)]
            : [];

    public static object Order(string number, long amount = 4_990, object? customer = null, string? status = null) => new
    {
        number,
        amount,
        currency = "EUR",
        status,
        customer = customer ?? new { email = Accounts.UniqueEmail("buyer"), firstName = "Léa", lastName = "Martin", language = "fr" },
        lines = new[] { new { productCode = "SKU-1", name = "Coffee beans 1 kg", quantity = 2, unitPrice = 2_495 } },
    };
}
