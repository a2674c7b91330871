using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Features.WebShop;

namespace LoyaltyHub.Web.Endpoints.Api;

/// <summary>
/// The web shops' integration API (SPEC §14), under /api/v1: authenticated by the tenant's API key
/// and secret, rate-limited per tenant, idempotent on writes with an Idempotency-Key, errors as
/// RFC 7807 problem details. The tenant is the one of the credentials, never one named in a request.
/// </summary>
internal static class ApiV1Endpoints
{
    public static void MapApiV1(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1")
            .RequireAuthorization(ApiServices.Policy)
            .RequireRateLimiting(ApiServices.RateLimitPolicy)
            .AddEndpointFilter<ApiIdempotency>()
            .WithTags("Web shop")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapPost("/customers", (HttpRequest request, ShopCustomerService customers) =>
                Handle<ShopCustomerInput, ShopCustomerView>(request, customers.UpsertAsync,
                    view => view.Created ? TypedResults.Created($"/api/v1/customers/{view.Id}", view) : TypedResults.Ok(view)))
            .WithSummary("Create or update a customer, matched on email, else phone")
            .Accepts<ShopCustomerInput>("application/json").Produces<ShopCustomerView>().Produces<ShopCustomerView>(201).ProducesValidationProblem();

        api.MapPost("/orders", (HttpRequest request, WebShopService shop) =>
                Handle<OrderInput, OrderView>(request, shop.CreateOrderAsync, view => TypedResults.Created($"/api/v1/orders/{Uri.EscapeDataString(view.Number)}", view)))
            .WithSummary("Record a new order")
            .Accepts<OrderInput>("application/json").Produces<OrderView>(201).ProducesValidationProblem().ProducesProblem(409);

        api.MapGet("/orders/{number}", async (string number, WebShopService shop, CancellationToken cancellationToken) =>
                await shop.GetOrderAsync(number, cancellationToken) is { } order
                    ? Results.Ok(order)
                    : ApiProblems.From(Result.NotFound($"Order {number}")))
            .WithSummary("Read an order").Produces<OrderView>().ProducesProblem(404);

        api.MapPatch("/orders/{number}", (string number, HttpRequest request, WebShopService shop) =>
                Handle<OrderChange, OrderView>(request, (change, ct) => shop.ChangeOrderAsync(number, change, ct), TypedResults.Ok))
            .WithSummary("Change an order's status or payment state")
            .Accepts<OrderChange>("application/json").Produces<OrderView>().ProducesValidationProblem().ProducesProblem(404);

        api.MapPut("/carts/{id}", (string id, HttpRequest request, WebShopService shop) =>
                Handle<CartInput, CartView>(request, (cart, ct) => shop.UpsertCartAsync(id, cart, ct), TypedResults.Ok))
            .WithSummary("Create or replace a cart (the whole cart, each time it changes)")
            .Accepts<CartInput>("application/json").Produces<CartView>().ProducesValidationProblem();

        api.MapPost("/returns", (HttpRequest request, WebShopService shop) =>
                Handle<ReturnInput, ReturnView>(request, shop.RequestReturnAsync, view => TypedResults.Created($"/api/v1/returns/{Uri.EscapeDataString(view.Id)}", view)))
            .WithSummary("Record a product return request")
            .Accepts<ReturnInput>("application/json").Produces<ReturnView>(201).ProducesValidationProblem().ProducesProblem(409);
    }

    private static async Task<IResult> Handle<TInput, TView>(
        HttpRequest request, Func<TInput, CancellationToken, Task<Result<TView>>> command, Func<TView, IResult> success)
        where TInput : class
    {
        var (input, problem) = await ApiBody.ReadAsync<TInput>(request);
        if (problem is not null)
        {
            return problem;
        }

        var result = await command(input!, request.HttpContext.RequestAborted);
        return result.Succeeded ? success(result.Value!) : ApiProblems.From(result);
    }
}
