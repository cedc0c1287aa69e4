using Microsoft.Data.Sqlite;
using ProcessStudio.Data.Stores;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Data.Outbox;

/// <summary>Writes the outbox rows a record's status moves owe, inside the transaction that writes the record.</summary>
internal static class OutboxRows
{
    public static async Task WriteAsync(ExecutionWriter writer, SqliteTransaction transaction, IReadOnlyList<OutboxEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var row in rows)
            await writer.ExecuteAsync(transaction, OutboxMapping.InsertSql, OutboxMapping.Parameters(row), cancellationToken);
    }

    public static IReadOnlyList<OutboxEntity> Of(ExecutionRecord record) =>
        [.. Engine.Execution.Outbox.RunEvents.Pending(record).Select(m => m.ToEntity())];
}
