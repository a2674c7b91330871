using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Messaging.Content;

/// <summary>Where the editor's "send test" goes.</summary>
public interface ITestMessageSender
{
    /// <returns>Fails with the reason when the message cannot be queued (not enough credits).</returns>
    Task<Result> SendAsync(QueuedMessageRequest request, CancellationToken cancellationToken = default);
}

/// <summary>
/// A test is an outbox row like any message (SPEC §7): marked as a test, it reserves its credits,
/// goes through the configured gateway (or the development outbox) and shows in the outbox list.
/// It goes to the merchant, so it is sent even when live mode is off; the email subject starts "[Test]".
/// </summary>
internal sealed class OutboxTestMessageSender(IDbContextFactory<AppDbContext> dbFactory, IMessageOutbox outbox) : ITestMessageSender
{
    public async Task<Result> SendAsync(QueuedMessageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // The subject says so in the mailbox; an SMS is left as counted in the editor.
        var subject = request.Channel == MessageChannel.Email ? $"[Test] {request.Subject}" : request.Subject;
        var queued = await outbox.QueueAsync(db, [request with { Subject = subject, IsTest = true, Kind = MessageKind.MerchantAlert }], cancellationToken);
        return queued.Succeeded ? Result.Ok() : Result.Fail(queued.Errors);
    }
}
