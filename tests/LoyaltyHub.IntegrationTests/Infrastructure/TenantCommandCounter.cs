using System.Diagnostics;
using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LoyaltyHub.IntegrationTests.Infrastructure;

/// <summary>
/// Counts the SQL commands EF Core runs for one tenant's contexts (its "CommandExecuted"
/// diagnostic event), so a test can tell one query per page from one per row while other tests
/// run in parallel on other tenants.
/// </summary>
public sealed class TenantCommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly Guid tenantId;
    private readonly IDisposable allListeners;
    private readonly List<IDisposable> subscriptions = [];
    private int count;

    public TenantCommandCounter(Guid tenantId)
    {
        this.tenantId = tenantId;
        allListeners = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public int Count => Volatile.Read(ref count);

    /// <summary>The commands <paramref name="work"/> ran for the tenant.</summary>
    public async Task<int> CountAsync(Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var before = Count;
        await work();
        return Count - before;
    }

    public void OnNext(DiagnosticListener value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (subscriptions)
            {
                subscriptions.Add(value.Subscribe(this, name => name == RelationalEventId.CommandExecuted.Name));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is CommandExecutedEventData { Context: AppDbContext db } && db.CurrentTenantId == tenantId)
        {
            Interlocked.Increment(ref count);
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        allListeners.Dispose();
        lock (subscriptions)
        {
            subscriptions.ForEach(s => s.Dispose());
        }
    }
}
