using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution.Outbox;
using ProcessStudio.Engine.Webhooks;

namespace ProcessStudio.Engine.Subscriptions;

/// <summary>
/// POSTs one event to one subscriber, signed like incoming webhooks (<c>X-Webhook-Timestamp</c> and
/// <c>X-Signature: sha256=HMAC("timestamp.body")</c>), through the outbound address policy. Every attempt is recorded;
/// an answer other than 2xx, a timeout or a refused address throws, so the outbox retries it with its backoff.
/// </summary>
public sealed class SubscriptionDelivery(
    IEventSubscriptionStore subscriptions,
    ISubscriptionSecrets secrets,
    IHttpClientFactory http,
    TimeProvider clock,
    ILogger<SubscriptionDelivery> logger) : IOutboxHandler
{
    public const string ClientName = "event-subscriptions";
    public const string TimestampHeader = "X-Webhook-Timestamp";
    public const string SignatureHeader = "X-Signature";
    public const string EventHeader = "X-ProcessStudio-Event";
    public const string DeliveryHeader = "X-ProcessStudio-Delivery";
    private const int MaxResponseChars = 1000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public bool Handles(OutboxMessage message) => message.SubscriptionId is not null;

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (await subscriptions.GetAsync(message.SubscriptionId!.Value, cancellationToken) is not { } subscription) return;   // deleted: nobody to tell
        var body = Encoding.UTF8.GetBytes(message.Payload);
        var at = clock.GetUtcNow();
        var timestamp = at.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        request.Headers.Add(TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(SignatureHeader, WebhookSignature.Sign(body, secrets.Open(subscription.Id, subscription.SealedSecret), timestamp));
        request.Headers.Add(EventHeader, message.Type);
        request.Headers.Add(DeliveryHeader, message.Id.ToString());

        var watch = Stopwatch.StartNew();
        int? status = null;
        string? answer = null;
        string? error = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            using var response = await http.CreateClient(ClientName).SendAsync(request, timeout.Token);
            status = (int)response.StatusCode;
            answer = Truncate(await response.Content.ReadAsStringAsync(timeout.Token));
            if (!response.IsSuccessStatusCode) error = $"The subscriber answered {status}.";
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            error = ex is OperationCanceledException ? $"No answer within {Timeout.TotalSeconds:0} s." : ex.Message;
        }
        await subscriptions.AddAttemptAsync(new DeliveryAttempt(subscription.Id, message.Id, message.Type, message.Attempts + 1, at, status, answer, error,
            watch.ElapsedMilliseconds), CancellationToken.None);
        if (error is not null)
        {
            logger.LogWarning("Execution {ExecutionId}: delivery {MessageId} of {EventType} to subscription {SubscriptionId} failed: {Error}",
                message.ExecutionId, message.Id, message.Type, subscription.Id, error);
            throw new RetryLaterException(error);
        }
    }

    private static string Truncate(string text) => text.Length <= MaxResponseChars ? text : text[..MaxResponseChars] + "…";
}
