using System.Net;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.IntegrationTests.Web;

/// <summary>Unknown addresses get the "Page not found" page; errors in Production show no internals.</summary>
public sealed class ErrorPagesTests(TestApps apps) : IClassFixture<TestApps>
{
    private const string BoomPath = "/test-only/boom";
    private const string SecretDetail = "Secret detail 7f3a of the failure";

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Unknown_address_is_404_with_the_not_found_page(string provider)
    {
        var app = await apps.GetAsync(provider);
        using var client = app.CreateBrowser();

        using var response = await client.GetAsync("/no/such/page");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1>Page not found</h1>", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task In_production_an_exception_shows_the_generic_error_page_without_internals(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = await TestApp.StartAsync(new TestApp(database, ownsDatabase: false, environment: "Production",
            settings: new Dictionary<string, string?> { ["App:PublicBaseUrl"] = "https://loyalty.example.test/" },
            configureServices: services => services.AddSingleton<IStartupFilter, ThrowingEndpoint>()));
        using var client = app.CreateBrowser();

        using var failed = await client.GetAsync(BoomPath);
        var failedHtml = await failed.Content.ReadAsStringAsync();
        using var error = await client.GetAsync("/Error");
        var errorHtml = await error.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Contains("Something went wrong", failedHtml, StringComparison.Ordinal);
        Assert.Contains("Reference:", failedHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretDetail, failedHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", failedHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(ThrowingEndpoint), failedHtml, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Contains("Something went wrong", errorHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", errorHtml, StringComparison.Ordinal);
    }

    /// <summary>Test-only: a request to <see cref="BoomPath"/> that no app endpoint takes throws, after the app's pipeline.</summary>
    private sealed class ThrowingEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate nextMiddleware) => context.Request.Path == BoomPath
                ? throw new InvalidOperationException(SecretDetail)
                : nextMiddleware(context));
        };
    }
}
