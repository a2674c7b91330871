using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LoyaltyHub.Benchmarks;

/// <summary>
/// Counts the SQL commands EF Core executes in this process (its "CommandExecuted" diagnostic
/// event; the BEGIN and COMMIT of a transaction are not commands), and can capture their text.
/// </summary>
internal sealed class SqlCommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly IDisposable allListeners;
    private readonly List<IDisposable> subscriptions = [];
    private long count;
    private List<string>? captured;

    public SqlCommandCounter() => allListeners = DiagnosticListener.AllListeners.Subscribe(this);

    public long Count => Interlocked.Read(ref count);

    /// <summary>The commands <paramref name="work"/> runs; nothing else may run meanwhile.</summary>
    public async Task<List<string>> CaptureAsync(Func<Task> work)
    {
        var list = new List<string>();
        captured = list;
        try
        {
            await work();
        }
        finally
        {
            captured = null;
        }

        return list;
    }

    public void OnNext(DiagnosticListener value)
    {
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
        Interlocked.Increment(ref count);
        if (captured is { } list && value.Value is CommandExecutedEventData { Command: DbCommand command })
        {
            lock (list)
            {
                list.Add(command.CommandText);
            }
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
