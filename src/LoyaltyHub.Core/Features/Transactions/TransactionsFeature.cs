using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LoyaltyHub.Core.Features.Transactions;

public static class TransactionsFeature
{
    /// <summary>
    /// The service. Each ledger feature registers its own <see cref="ITransactionSource"/> and calls
    /// this too (it adds the service once), so no feature depends on another being registered first.
    /// </summary>
    public static IServiceCollection AddTransactions(this IServiceCollection services)
    {
        services.TryAddScoped<TransactionService>();
        return services;
    }
}
