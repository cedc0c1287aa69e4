using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Data.Outbox;

/// <summary>The outbox rows a record's status moves owe, written inside the transaction that writes the record.</summary>
internal static class OutboxRows
{
    public static IReadOnlyList<OutboxEntity> Of(ExecutionRecord record) =>
        [.. Engine.Execution.Outbox.RunEvents.Pending(record).Select(m => m.ToEntity())];
}
