namespace ProcessStudio.Engine.Execution.Outbox;

public enum OutboxState { Pending, Done, Failed }

/// <summary>
/// One reaction owed to a committed change: written in the transaction of that change, then delivered by the
/// <see cref="OutboxDispatcher"/> until a handler accepts it (at least once; handlers are idempotent). A message with a
/// <see cref="SubscriptionId"/> is one delivery of an event to one subscriber.
/// </summary>
public sealed record OutboxMessage
{
    public required Guid Id { get; init; }
    public required string Type { get; init; }
    public Guid? ExecutionId { get; init; }
    public Guid? SubscriptionId { get; init; }
    /// <summary>The event as JSON (for run events: <see cref="RunEventPayload"/>).</summary>
    public required string Payload { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public OutboxState State { get; init; } = OutboxState.Pending;
    public int Attempts { get; init; }
    public required DateTimeOffset NextAttemptAt { get; init; }
    /// <summary>The dispatcher holding the message and until when: a claim, not a lock, so a dead dispatcher's claims expire.</summary>
    public string? ClaimedBy { get; init; }
    public DateTimeOffset? ClaimedUntil { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }

    public static OutboxMessage New(Guid id, string type, Guid? executionId, string payload, DateTimeOffset now, Guid? subscriptionId = null) => new()
    {
        Id = id, Type = type, ExecutionId = executionId, SubscriptionId = subscriptionId, Payload = payload, CreatedAt = now, NextAttemptAt = now,
    };
}
