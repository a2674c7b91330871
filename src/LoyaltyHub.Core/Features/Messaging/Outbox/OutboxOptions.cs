namespace LoyaltyHub.Core.Features.Messaging.Outbox;

/// <summary>Dispatcher settings, section <c>Messaging:Outbox</c>.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Messaging:Outbox";

    /// <summary>Run the dispatcher in this process (turn off for a web-only instance).</summary>
    public bool Dispatch { get; set; } = true;

    /// <summary>Names this instance on the rows it claims; default: machine, process and a random suffix.</summary>
    public string? InstanceId { get; set; }

    /// <summary>Most rows claimed from one tenant in one statement.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Messages this instance has at the gateways at once.</summary>
    public int MaxInFlight { get; set; } = 2_000;

    /// <summary>
    /// Messages of one tenant in flight at once: a tenant's flood or its failing recipients leave
    /// the rest of <see cref="MaxInFlight"/> to the other tenants.
    /// </summary>
    public int PerTenantInFlight { get; set; } = 1_000;

    /// <summary>Gateway calls before a retryable error becomes a failure (and a refund).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How long a claim holds; longer than any gateway call's timeout.</summary>
    public double LeaseSeconds { get; set; } = 120;

    /// <summary>Idle poll for rows queued by other instances or committed after the wake-up signal.</summary>
    public int PollMilliseconds { get; set; } = 1000;

    /// <summary>First retry delay; doubled per attempt (with jitter), at most one hour.</summary>
    public double RetryBaseSeconds { get; set; } = 5;

    /// <summary>How long an Unknown message waits for a receipt before it is failed as unconfirmed and refunded.</summary>
    public double UnknownTimeoutMinutes { get; set; } = 60;

    /// <summary>Messages per second per gateway name ("twilio": 50); a gateway not listed is not limited.</summary>
    public Dictionary<string, int> RateLimits { get; } = new(StringComparer.OrdinalIgnoreCase);

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    public TimeSpan UnknownTimeout => TimeSpan.FromMinutes(UnknownTimeoutMinutes);
}
