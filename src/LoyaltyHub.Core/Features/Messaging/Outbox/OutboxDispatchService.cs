using Microsoft.Extensions.Hosting;

namespace LoyaltyHub.Core.Features.Messaging.Outbox;

/// <summary>
/// Runs the dispatcher for the life of the process: a hosted loop with a short poll and a wake-up
/// signal from <see cref="IMessageOutbox"/>, not a scheduled job per message.
/// </summary>
internal sealed class OutboxDispatchService(OutboxDispatcher dispatcher) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => dispatcher.RunAsync(stoppingToken);
}
