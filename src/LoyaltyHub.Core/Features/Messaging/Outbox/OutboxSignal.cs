namespace LoyaltyHub.Core.Features.Messaging.Outbox;

/// <summary>
/// Wakes this instance's dispatcher when messages are queued, so it need not wait for its next
/// poll. Other instances (and commits that come later than the signal) are found by polling.
/// </summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Notify()
    {
        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up covers any number of queue calls.
        }
    }

    public void Dispose() => signal.Dispose();

    /// <summary>Returns when signalled or after <paramref name="timeout"/>.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}
