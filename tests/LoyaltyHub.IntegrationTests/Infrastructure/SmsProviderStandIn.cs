using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoyaltyHub.IntegrationTests.Infrastructure;

/// <summary>How the stand-in answers a well-formed, authenticated request.</summary>
public enum StandInAnswer
{
    /// <summary>Twilio: 201 with a sid and status "queued"; webhook: 200.</summary>
    Accept,

    /// <summary>400 with Twilio error 21211 (invalid 'To' number).</summary>
    InvalidNumber,

    /// <summary>401 with Twilio error 20003, as for a wrong auth token.</summary>
    Unauthorized,

    /// <summary>429 with Retry-After (<see cref="SmsProviderStandIn.RetryAfter"/>).</summary>
    TooManyRequests,

    /// <summary>500: the provider may or may not have taken it.</summary>
    ServerError,

    /// <summary>503 with Retry-After.</summary>
    Unavailable,

    /// <summary>Never answers (until the client gives up or the stand-in stops): a timeout.</summary>
    Hang,
}

/// <summary>One request the stand-in took (authenticated and complete), with the answer it gave.</summary>
/// <param name="Id">The outbox id: Twilio's StatusCallback <c>?id=</c>, or the webhook JSON's id.</param>
/// <param name="ProviderId">The sid (Twilio) or id (webhook) it answered with; null unless accepted.</param>
public sealed record StandInRequest(string Protocol, string? Id, string To, string From, string Body, string? StatusCallback,
    StandInAnswer Answer, string? ProviderId, string? IdempotencyKey);

/// <summary>
/// A loopback HTTP server (Kestrel on 127.0.0.1, free port) standing in for the SMS provider, for
/// tests, fault tests and benchmarks alike (no test-framework dependency):
/// <list type="bullet">
/// <item>Twilio's Messages API: <c>POST /2010-04-01/Accounts/{AccountSid}/Messages.json</c>, HTTP basic auth
/// with <see cref="AccountSid"/>:<see cref="AuthToken"/>, form fields To (E.164), From and Body required;
/// answers like Twilio (201 JSON with sid and status "queued", or its error JSON).</item>
/// <item>The generic JSON webhook: <c>POST /sms</c> signed with <see cref="WebhookSecret"/> (HMAC-SHA256 hex in
/// <c>X-LoyaltyHub-Signature: sha256=…</c>), body <c>{"id","to","from","text"}</c>.</item>
/// </list>
/// Bad credentials or signatures answer 401 and missing fields 400 whatever <see cref="Answer"/> says;
/// those requests are not recorded. Otherwise the answer is the next scripted one (<see cref="AnswerNext"/>),
/// else <see cref="Answer"/>.
/// </summary>
public sealed partial class SmsProviderStandIn : IAsyncDisposable
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "standin-auth-token-0123456789abcd";
    public const string WebhookSecret = "standin-webhook-secret-0123456789";
    public const string WebhookPath = "/sms";

    private readonly WebApplication app;
    private readonly ConcurrentQueue<StandInAnswer> scripted = new();
    private readonly ConcurrentQueue<StandInRequest> requests = new();
    private readonly ConcurrentDictionary<string, int> accepted = new(StringComparer.Ordinal);
    private int rejectedAuth;

    private SmsProviderStandIn(WebApplication app) => this.app = app;

    /// <summary>What to answer when nothing is scripted.</summary>
    public StandInAnswer Answer { get; set; } = StandInAnswer.Accept;

    /// <summary>The Retry-After of 429 and 503 answers.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(7);

    /// <summary>Root address, e.g. http://127.0.0.1:41234/ (the value of Sms:Twilio:BaseUrl).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The value of Sms:Webhook:Url.</summary>
    public Uri WebhookUrl => new(BaseUrl, WebhookPath.TrimStart('/'));

    /// <summary>Every recorded request, in arrival order.</summary>
    public IReadOnlyCollection<StandInRequest> Requests => requests;

    /// <summary>Requests refused for bad credentials or signature.</summary>
    public int RejectedAuthCount => Volatile.Read(ref rejectedAuth);

    /// <summary>How many times the message with this outbox id was accepted: exactly-once checks.</summary>
    public int AcceptedCount(string id) => accepted.TryGetValue(id, out var count) ? count : 0;

    /// <summary>Total accepted messages.</summary>
    public int AcceptedTotal => accepted.Values.Sum();

    /// <summary>The given answers go to the next requests, in order, before <see cref="Answer"/> applies again.</summary>
    public void AnswerNext(params StandInAnswer[] answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        foreach (var answer in answers)
        {
            scripted.Enqueue(answer);
        }
    }

    public static async Task<SmsProviderStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new SmsProviderStandIn(app);
        app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", standIn.TwilioAsync);
        app.MapPost(WebhookPath, (Func<HttpContext, Task<IResult>>)standIn.WebhookAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        standIn.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task<IResult> TwilioAsync(string sid, HttpContext context)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"));
        if (sid != AccountSid || context.Request.Headers.Authorization.ToString() != expected)
        {
            Interlocked.Increment(ref rejectedAuth);
            return TwilioError(HttpStatusCode.Unauthorized, 20003, "Authenticate");
        }

        if (!context.Request.HasFormContentType)
        {
            return TwilioError(HttpStatusCode.BadRequest, 21602, "Message body is required.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        string? Field(string name) => form.TryGetValue(name, out var v) && v.ToString().Length > 0 ? v.ToString() : null;
        var (to, from, body, callback) = (Field("To"), Field("From"), Field("Body"), Field("StatusCallback"));
        if (to is null)
        {
            return TwilioError(HttpStatusCode.BadRequest, 21604, "A 'To' phone number is required.");
        }

        if (from is null)
        {
            return TwilioError(HttpStatusCode.BadRequest, 21603, "A 'From' phone number is required.");
        }

        if (body is null)
        {
            return TwilioError(HttpStatusCode.BadRequest, 21602, "Message body is required.");
        }

        var answer = NextAnswer();
        if (!E164().IsMatch(to))
        {
            answer = StandInAnswer.InvalidNumber;
        }

        var id = callback is not null && Uri.TryCreate(callback, UriKind.Absolute, out var uri)
            ? System.Web.HttpUtility.ParseQueryString(uri.Query)["id"]
            : null;
        var messageSid = answer == StandInAnswer.Accept ? "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) : null;
        Record(new StandInRequest("twilio", id, to, from, body, callback, answer, messageSid, null));
        return answer switch
        {
            StandInAnswer.Accept => Results.Json(new Dictionary<string, object?>
            {
                ["sid"] = messageSid,
                ["account_sid"] = AccountSid,
                ["to"] = to,
                ["from"] = from,
                ["body"] = body,
                ["status"] = "queued",
                ["num_segments"] = "1",
                ["direction"] = "outbound-api",
                ["api_version"] = "2010-04-01",
                ["error_code"] = null,
                ["error_message"] = null,
            }, statusCode: StatusCodes.Status201Created),
            StandInAnswer.InvalidNumber => TwilioError(HttpStatusCode.BadRequest, 21211, $"The 'To' number {to} is not a valid phone number."),
            StandInAnswer.Unauthorized => TwilioError(HttpStatusCode.Unauthorized, 20003, "Authenticate"),
            StandInAnswer.TooManyRequests => WithRetryAfter(context, TwilioError(HttpStatusCode.TooManyRequests, 20429, "Too Many Requests")),
            StandInAnswer.Unavailable => WithRetryAfter(context, TwilioError(HttpStatusCode.ServiceUnavailable, 20503, "Service Unavailable")),
            StandInAnswer.ServerError => TwilioError(HttpStatusCode.InternalServerError, 20500, "Internal Server Error"),
            _ => await HangAsync(context),
        };
    }

    private async Task<IResult> WebhookAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookSecret), body));
        if (context.Request.Headers["X-LoyaltyHub-Signature"].ToString() != expected)
        {
            Interlocked.Increment(ref rejectedAuth);
            return Results.Json(new { error = "bad signature" }, statusCode: StatusCodes.Status401Unauthorized);
        }

        WebhookMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<WebhookMessage>(body);
        }
        catch (JsonException)
        {
            message = null;
        }

        if (message is not { Id.Length: > 0, To.Length: > 0, From.Length: > 0, Text.Length: > 0 })
        {
            return Results.Json(new { error = "id, to, from and text are required" }, statusCode: StatusCodes.Status400BadRequest);
        }

        var answer = NextAnswer();
        Record(new StandInRequest("webhook", message.Id, message.To, message.From, message.Text, null, answer,
            answer == StandInAnswer.Accept ? message.Id : null, context.Request.Headers["Idempotency-Key"].ToString()));
        return answer switch
        {
            StandInAnswer.Accept => Results.Json(new { id = message.Id, status = "queued" }),
            StandInAnswer.InvalidNumber => Results.Json(new { error = "invalid number" }, statusCode: StatusCodes.Status400BadRequest),
            StandInAnswer.Unauthorized => Results.Json(new { error = "unauthorized" }, statusCode: StatusCodes.Status401Unauthorized),
            StandInAnswer.TooManyRequests => WithRetryAfter(context, Results.StatusCode(StatusCodes.Status429TooManyRequests)),
            StandInAnswer.Unavailable => WithRetryAfter(context, Results.StatusCode(StatusCodes.Status503ServiceUnavailable)),
            StandInAnswer.ServerError => Results.StatusCode(StatusCodes.Status500InternalServerError),
            _ => await HangAsync(context),
        };
    }

    private StandInAnswer NextAnswer() => scripted.TryDequeue(out var next) ? next : Answer;

    private void Record(StandInRequest request)
    {
        requests.Enqueue(request);
        if (request.Answer == StandInAnswer.Accept && request.Id is not null)
        {
            accepted.AddOrUpdate(request.Id, 1, (_, n) => n + 1);
        }
    }

    private IResult WithRetryAfter(HttpContext context, IResult result)
    {
        context.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return result;
    }

    private async Task<IResult> HangAsync(HttpContext context)
    {
        var stopping = app.Lifetime.ApplicationStopping;
        using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            await Task.Delay(Timeout.Infinite, either.Token);
        }
        catch (OperationCanceledException)
        {
            // The client gave up (its timeout) or the stand-in is stopping.
        }

        return Results.StatusCode(StatusCodes.Status504GatewayTimeout);
    }

    private static IResult TwilioError(HttpStatusCode status, int code, string message) => Results.Json(new
    {
        code,
        message,
        more_info = $"https://www.twilio.com/docs/errors/{code}",
        status = (int)status,
    }, statusCode: (int)status);

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();

    private sealed record WebhookMessage(
        [property: System.Text.Json.Serialization.JsonPropertyName("id")] string? Id,
        [property: System.Text.Json.Serialization.JsonPropertyName("to")] string? To,
        [property: System.Text.Json.Serialization.JsonPropertyName("from")] string? From,
        [property: System.Text.Json.Serialization.JsonPropertyName("text")] string? Text);
}
