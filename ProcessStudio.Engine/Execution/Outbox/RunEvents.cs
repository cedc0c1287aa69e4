using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.Outbox;

/// <summary>
/// Turns the status moves a record went through (<see cref="ExecutionRecord.RaisedEvents"/>, filled by the transition
/// table) into outbox rows. Stores call <see cref="Pending"/> inside the transaction that writes the record and
/// <see cref="Committed"/> after it, so a row exists exactly when its change was committed.
/// </summary>
public static class RunEvents
{
    /// <summary>
    /// The rows owed for the record as it is about to be written; the payload shows the record's final state of this
    /// commit. Times come from the engine's clock (the move's time), so a dispatcher on the same clock finds them due.
    /// </summary>
    public static IReadOnlyList<OutboxMessage> Pending(ExecutionRecord record) =>
        record.RaisedEvents.Count == 0
            ? []
            : [.. record.RaisedEvents.Select(raised =>
                OutboxMessage.New(raised.Id, raised.Type, record.Id, RunEventPayload.Of(raised.Type, raised.Id, record, raised.At).ToJsonString(), raised.At))];

    /// <summary>After the commit: the rows are written, the record owes nothing more.</summary>
    public static void Committed(ExecutionRecord record) => record.RaisedEvents.Clear();
}

/// <summary>A status move recorded on a record until the store writes it as an outbox row.</summary>
public sealed record RaisedEvent(Guid Id, string Type, DateTimeOffset At);
