namespace ProcessStudio.Engine.Subscriptions;

/// <summary>
/// Another system's wish to be told of run events: which events, optionally of one workflow only, POSTed to
/// <see cref="Url"/> signed with its secret (kept sealed, see <see cref="ISubscriptionSecrets"/>).
/// </summary>
public sealed record EventSubscription(
    Guid Id,
    string Url,
    IReadOnlyList<string> Events,
    Guid? WorkflowId,
    string SealedSecret,
    DateTimeOffset CreatedAt)
{
    public bool Wants(string eventType, Guid? workflowId) =>
        Events.Contains(eventType) && (WorkflowId is null || WorkflowId == workflowId);
}

/// <summary>One POST of one event to one subscriber, and what came back.</summary>
public sealed record DeliveryAttempt(
    Guid SubscriptionId,
    Guid MessageId,
    string EventType,
    int Attempt,
    DateTimeOffset At,
    int? StatusCode,
    string? Response,
    string? Error,
    long DurationMs);
