using System.Net;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution.Outbox;
using ProcessStudio.Engine.Net;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Subscriptions;
using ProcessStudio.Web.Api.Infrastructure;

namespace ProcessStudio.Web.Subscriptions;

/// <summary>What a caller sends to create a subscription.</summary>
public sealed record EventSubscriptionInput(string? Url, IReadOnlyList<string>? Events, Guid? WorkflowId, string? Secret);

/// <summary>
/// Event subscriptions for the API and the Settings page alike: checks the input (naming the field that is wrong),
/// seals the secret, and sends test events through the outbox so they are signed, retried and recorded like real ones.
/// </summary>
public sealed class EventSubscriptionService(
    IEventSubscriptionStore subscriptions,
    IWorkflowStore workflows,
    IOutboxStore outbox,
    OutboxDispatcher dispatcher,
    ISubscriptionSecrets secrets,
    OutboundAddressPolicy addresses,
    TimeProvider clock)
{
    public const int MinSecretLength = 16;
    private const int MaxUrlLength = 2000;
    private const int MaxSecretLength = 200;

    public Task<IReadOnlyList<EventSubscription>> ListAsync(CancellationToken ct) => subscriptions.ListAsync(ct);

    public Task<EventSubscription?> GetAsync(Guid id, CancellationToken ct) => subscriptions.GetAsync(id, ct);

    public Task<bool> DeleteAsync(Guid id, CancellationToken ct) => subscriptions.DeleteAsync(id, ct);

    public Task<IReadOnlyList<DeliveryAttempt>> AttemptsAsync(Guid id, int limit, CancellationToken ct) => subscriptions.ListAttemptsAsync(id, limit, ct);

    public async Task<EventSubscription> CreateAsync(EventSubscriptionInput input, CancellationToken ct)
    {
        var url = CheckUrl(input.Url);
        var events = CheckEvents(input.Events);
        var secret = input.Secret?.Trim() ?? "";
        if (secret.Length is < MinSecretLength or > MaxSecretLength)
            throw new ApiValidationException("secret", $"secret must be {MinSecretLength} to {MaxSecretLength} characters: the receiver checks signatures with it.");
        if (input.WorkflowId is { } workflowId && await workflows.GetLatestVersionNumberAsync(workflowId, ct) is null)
            throw new ApiValidationException("workflowId", $"There is no workflow {workflowId}.");

        var id = Guid.NewGuid();
        var subscription = new EventSubscription(id, url, events, input.WorkflowId, secrets.Seal(id, secret), clock.GetUtcNow());
        await subscriptions.AddAsync(subscription, ct);
        return subscription;
    }

    /// <summary>Queues a <c>subscription.test</c> event for the subscriber; returns the outbox row that delivers it.</summary>
    public async Task<OutboxMessage?> SendTestAsync(Guid id, CancellationToken ct)
    {
        if (await subscriptions.GetAsync(id, ct) is null) return null;
        var now = clock.GetUtcNow();
        var eventId = Guid.NewGuid();
        var payload = new JsonObject { ["id"] = eventId.ToString(), ["type"] = RunEventTypes.Test, ["occurredAt"] = now, ["subscriptionId"] = id.ToString() };
        var message = OutboxMessage.New(eventId, RunEventTypes.Test, null, payload.ToJsonString(), now, id);
        await outbox.AddAsync([message], ct);
        dispatcher.Nudge();
        return message;
    }

    private string CheckUrl(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw) || raw.Length > MaxUrlLength || !Uri.TryCreate(raw.Trim(), UriKind.Absolute, out var uri) ||
            uri.Scheme is not ("http" or "https"))
            throw new ApiValidationException("url", "url must be an absolute http or https address.");
        // Host names are checked when a delivery connects (the policy sees the resolved address); literal addresses now.
        if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && addresses.Refusal(address, uri.Port) is { } refusal)
            throw new ApiValidationException("url", refusal);
        return uri.ToString();
    }

    private static List<string> CheckEvents(IReadOnlyList<string>? events)
    {
        if (events is null || events.Count == 0)
            throw new ApiValidationException("events", $"events must name at least one of: {string.Join(", ", RunEventTypes.Public)}.");
        var unknown = events.Where(e => !RunEventTypes.Public.Contains(e)).ToList();
        if (unknown.Count > 0)
            throw new ApiValidationException("events", $"Unknown event {string.Join(", ", unknown)}; known: {string.Join(", ", RunEventTypes.Public)}.");
        return [.. events.Distinct()];
    }
}
