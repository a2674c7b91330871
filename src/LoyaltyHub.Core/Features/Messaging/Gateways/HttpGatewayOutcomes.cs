using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace LoyaltyHub.Core.Features.Messaging.Gateways;

/// <summary>
/// What an HTTP SMS provider's answer, or its silence, means for a retry. The line drawn: only
/// an answer that says "not taken" (429, 503, 408) or a connection that never opened is safe to
/// send again; a 5xx or a timeout once the request went out may hide an accepted message.
/// </summary>
internal static class HttpGatewayOutcomes
{
    /// <summary>
    /// A handler whose connection timeout surfaces as a connection error (nothing sent) instead of
    /// the same cancellation a response timeout gives, so the two can be told apart.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(TimeSpan connectTimeout) => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(connectTimeout);
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, timeout.Token);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                socket.Dispose();
                // The handler wraps this into HttpRequestException(ConnectionError).
                throw new TimeoutException($"No connection to {context.DnsEndPoint} within {connectTimeout.TotalSeconds:0.#} s.");
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>The outcome of a failed request, or null for an exception that is not the provider's doing.</summary>
    public static GatewayResult? FromException(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError } e
            => new GatewayResult(DeliveryOutcome.Retryable, Error: $"Provider unreachable: {e.Message}"),
        HttpRequestException e => new GatewayResult(DeliveryOutcome.Unknown, Error: $"The request failed after it was sent: {e.Message}"),
        OperationCanceledException when !cancellationToken.IsCancellationRequested
            => new GatewayResult(DeliveryOutcome.Unknown, Error: "No answer from the provider in time; it may have taken the message."),
        _ => null,
    };

    /// <summary>The outcome of a non-success answer the gateway has no provider-specific reading for.</summary>
    public static GatewayResult FromStatus(HttpResponseMessage response, string detail, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        var code = (int)response.StatusCode;
        var error = $"HTTP {code}: {detail}".TrimEnd(' ', ':');
        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.RequestTimeout
                => new GatewayResult(DeliveryOutcome.Retryable, Error: error, RetryAfter: RetryAfter(response.Headers, now)),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                => new GatewayResult(DeliveryOutcome.Rejected, Error: $"The provider refused our credentials ({error}): check the Sms settings."),
            _ when code is >= 400 and < 500 => new GatewayResult(DeliveryOutcome.Rejected, Error: error),
            _ => new GatewayResult(DeliveryOutcome.Unknown, Error: error),
        };
    }

    private static TimeSpan? RetryAfter(HttpResponseHeaders headers, DateTimeOffset now) => headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };
}
