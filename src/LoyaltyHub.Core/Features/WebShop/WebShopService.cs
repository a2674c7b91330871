using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.WebShop;

/// <summary>
/// Orders, carts and returns pushed by the current tenant's web shop (SPEC §14). Every command
/// validates everything first and writes nothing when anything is wrong; a change and what it
/// causes (<see cref="IWebShopEvents"/>: the automatic messages) commit in one transaction.
/// </summary>
public sealed class WebShopService(IDbContextFactory<AppDbContext> dbFactory, IEnumerable<IWebShopEvents> handlers, WriteGate writeGate, TimeProvider clock)
{
    public async Task<OrderView?> GetOrderAsync(string number, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var order = await db.Set<Order>().AsNoTracking().Include(o => o.Lines).FirstOrDefaultAsync(o => o.Number == number, cancellationToken);
        return order is null ? null : OrderView.Of(order);
    }

    public async Task<Result<OrderView>> CreateOrderAsync(OrderInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var merchant = await WebShopMerchant.LoadAsync(db, cancellationToken);
        var errors = WebShopChecks.Validate(input);
        var contact = WebShopChecks.Contact(input.Customer, merchant, errors);
        var lines = WebShopChecks.Lines(input.Lines, errors);
        var currency = WebShopChecks.Currency(input.Currency, merchant, errors);
        var status = WebShopCodes.Parse(input.Status, OrderStatus.Pending, nameof(OrderInput.Status), errors);
        var payment = WebShopCodes.Parse(input.PaymentState, PaymentState.AwaitingPayment, nameof(OrderInput.PaymentState), errors);
        if (input.PickupShopId is { } shopId && !await db.Shops.AnyAsync(s => s.Id == shopId, cancellationToken))
        {
            errors[nameof(OrderInput.PickupShopId)] = [$"There is no shop {shopId}; the shop ids are listed in Shops."];
        }

        if (errors.Count > 0)
        {
            return Result<OrderView>.From(Result.Fail(errors));
        }

        var number = input.Number.Trim();
        var now = clock.GetUtcNow();
        var order = new Order
        {
            Number = number,
            CustomerId = await WebShopChecks.CustomerIdAsync(db, contact, cancellationToken),
            Email = contact.Email,
            Phone = contact.Phone,
            FirstName = contact.FirstName,
            LastName = contact.LastName,
            Language = contact.Language,
            AmountMinor = input.Amount,
            Currency = currency,
            Status = status,
            PaymentState = payment,
            CartId = TextValues.TrimOrNull(input.CartId),
            PickupShopId = input.PickupShopId,
            PlacedAt = input.PlacedAt ?? now,
            UpdatedAt = now,
            Lines = [.. lines.Select(l => new OrderLine { ProductCode = l.ProductCode, Name = l.Name, Quantity = l.Quantity, UnitPriceMinor = l.UnitPrice })],
        };

        // Everything above only read; the write turn (SQLite's one writer) is taken for the writes alone.
        await using var transaction = await writeGate.BeginAsync(db, cancellationToken);
        db.Add(order);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique (tenant, number) index, checked by the insert rather than by a query
            // before it: a number already known, or the same order arriving twice at once.
            return OrderExists(number);
        }

        foreach (var handler in handlers)
        {
            await handler.OrderPlacedAsync(db, order, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<OrderView>.Ok(OrderView.Of(order));
    }

    public async Task<Result<OrderView>> ChangeOrderAsync(string number, OrderChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = await db.Set<Order>().Include(o => o.Lines).FirstOrDefaultAsync(o => o.Number == number, cancellationToken);
        if (order is null)
        {
            return Result<OrderView>.From(Result.NotFound($"Order {number}"));
        }

        var errors = new Dictionary<string, string[]>();
        var previous = order.Status;
        order.Status = WebShopCodes.Parse(change.Status, order.Status, nameof(OrderChange.Status), errors);
        order.PaymentState = WebShopCodes.Parse(change.PaymentState, order.PaymentState, nameof(OrderChange.PaymentState), errors);
        if (errors.Count > 0)
        {
            return Result<OrderView>.From(Result.Fail(errors));
        }

        if (db.ChangeTracker.HasChanges())
        {
            order.UpdatedAt = clock.GetUtcNow();
            if (order.Status != previous)
            {
                foreach (var handler in handlers)
                {
                    await handler.OrderChangedAsync(db, order, previous, cancellationToken);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return Result<OrderView>.Ok(OrderView.Of(order));
    }

    /// <summary>The shop sends the whole cart each time it changes: lines are replaced, the cart re-dated.</summary>
    public async Task<Result<CartView>> UpsertCartAsync(string id, CartInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var merchant = await WebShopMerchant.LoadAsync(db, cancellationToken);
        var errors = WebShopChecks.Validate(input);
        if (string.IsNullOrWhiteSpace(id) || id.Length > WebShopLimits.ExternalId)
        {
            errors["Id"] = ["The cart id is 1 to 64 characters."];
        }

        var contact = WebShopChecks.Contact(input.Customer, merchant, errors);
        var lines = WebShopChecks.Lines(input.Lines, errors);
        var currency = WebShopChecks.Currency(input.Currency, merchant, errors);
        var recovery = WebShopChecks.RecoveryUrl(input.RecoveryUrl, errors);
        if (errors.Count > 0)
        {
            return Result<CartView>.From(Result.Fail(errors));
        }

        var now = clock.GetUtcNow();
        var cart = await db.Set<Cart>().Include(c => c.Lines).FirstOrDefaultAsync(c => c.ExternalId == id, cancellationToken);
        if (cart is null)
        {
            cart = new Cart { ExternalId = id, Currency = currency, CreatedAt = now };
            db.Add(cart);
        }

        cart.CustomerId = await WebShopChecks.CustomerIdAsync(db, contact, cancellationToken);
        (cart.Email, cart.Phone, cart.FirstName, cart.LastName, cart.Language) = (contact.Email, contact.Phone, contact.FirstName, contact.LastName, contact.Language);
        cart.AmountExclVatMinor = input.AmountExclVat;
        cart.Currency = currency;
        cart.RecoveryUrl = recovery;
        cart.UpdatedAt = now;
        cart.Lines.Clear();
        cart.Lines.AddRange(lines.Select(l => new CartLine { ProductCode = l.ProductCode, Name = l.Name, Quantity = l.Quantity, UnitPriceMinor = l.UnitPrice }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (db.Entry(cart).State == EntityState.Added)
        {
            return Result<CartView>.From(Result.Conflict("Id", $"Cart {id} was created by another request at the same moment; send it again."));
        }

        return Result<CartView>.Ok(CartView.Of(cart));
    }

    public async Task<Result<ReturnView>> RequestReturnAsync(ReturnInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = WebShopChecks.Validate(input);
        var lines = WebShopChecks.Lines(input.Lines, errors);
        if (errors.Count > 0)
        {
            return Result<ReturnView>.From(Result.Fail(errors));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var order = await db.Set<Order>().FirstOrDefaultAsync(o => o.Number == input.OrderNumber, cancellationToken);
        if (order is null)
        {
            return Result<ReturnView>.From(Result.Fail(nameof(ReturnInput.OrderNumber), $"There is no order {input.OrderNumber}."));
        }

        var id = input.Id.Trim();
        if (await db.Set<ReturnRequest>().AnyAsync(r => r.ExternalId == id, cancellationToken))
        {
            return ReturnExists(id);
        }

        var request = new ReturnRequest
        {
            ExternalId = id,
            OrderId = order.Id,
            Reason = TextValues.TrimOrNull(input.Reason),
            Items = string.Join('\n', lines.Select(l => $"{l.ProductCode} {l.Name} × {l.Quantity}")),
            RequestedAt = clock.GetUtcNow(),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(request);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return ReturnExists(id);
        }

        foreach (var handler in handlers)
        {
            await handler.ReturnRequestedAsync(db, order, request, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<ReturnView>.Ok(new ReturnView(request.ExternalId, order.Number, request.Reason, request.Items, request.RequestedAt));
    }

    private static Result<OrderView> OrderExists(string number) => Result<OrderView>.From(
        Result.Conflict(nameof(OrderInput.Number), $"Order {number} already exists; change it with PATCH /api/v1/orders/{number}."));

    private static Result<ReturnView> ReturnExists(string id) =>
        Result<ReturnView>.From(Result.Conflict(nameof(ReturnInput.Id), $"Return {id} was already recorded."));
}
