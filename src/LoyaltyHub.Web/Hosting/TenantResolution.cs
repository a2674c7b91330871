using LoyaltyHub.Core.Tenancy;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace LoyaltyHub.Web.Hosting;

/// <summary>Sets the request's tenant from the signed-in user's claim, after authentication.</summary>
internal sealed class TenantMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, TenantContext tenant)
    {
        tenant.Set(context.User.GetTenantId());
        return next(context);
    }
}

/// <summary>
/// A circuit has its own DI scope and no reliable HttpContext, so its tenant is read once from
/// the circuit's authentication state when it opens (before any component renders), and again
/// whenever that state changes (sign-out by revalidation clears it).
/// </summary>
internal sealed class TenantCircuitHandler(AuthenticationStateProvider authentication, TenantContext tenant)
    : CircuitHandler, IDisposable
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        tenant.Set((await authentication.GetAuthenticationStateAsync()).User.GetTenantId());
        authentication.AuthenticationStateChanged += OnAuthenticationStateChanged;
    }

    public void Dispose() => authentication.AuthenticationStateChanged -= OnAuthenticationStateChanged;

    private async void OnAuthenticationStateChanged(Task<AuthenticationState> state)
    {
        try
        {
            tenant.Set((await state).User.GetTenantId());
        }
        catch (InvalidOperationException)
        {
            tenant.Set(null);
        }
    }
}
