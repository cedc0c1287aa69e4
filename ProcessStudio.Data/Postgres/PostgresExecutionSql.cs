using Npgsql;
using ProcessStudio.Data.Entities;
using ProcessStudio.Data.Outbox;
using ProcessStudio.Data.Sqlite;
using static ProcessStudio.Data.Stores.ExecutionTables;

namespace ProcessStudio.Data.Postgres;

/// <summary>The run tables' hot-path statements for PostgreSQL, generated from the same column lists as SQLite's.</summary>
internal static class PostgresExecutionSql
{
    private static readonly SqlDialect Pg = SqlDialect.Postgres;

    private static readonly string[] MutableExecutionColumns = [.. ExecutionColumns.Names.Except(ImmutableExecutionColumns)];

    private static readonly string InsertExecutionSql = ExecutionColumns.InsertSql(Pg);

    /// <summary>
    /// Sets every mutable column and bumps Version, only while Version is still the expected one and the status is in
    /// the allowed set (a bit mask over status values). The row lock makes a concurrent writer wait and then miss.
    /// When no row matched, the division by zero fails the statement, and with it the whole batch: the batch is one
    /// implicit transaction, so a step needs a single round trip and no BEGIN/COMMIT of its own.
    /// </summary>
    private static readonly string ConditionalUpdateSql =
        $"WITH updated AS (UPDATE \"Executions\" SET {string.Join(", ", MutableExecutionColumns.Select((n, i) => $"{Pg.Quote(n)} = ${i + 1}"))}, " +
        $"\"Version\" = ${MutableExecutionColumns.Length + 2} + 1 WHERE \"Id\" = ${MutableExecutionColumns.Length + 1} " +
        $"AND \"Version\" = ${MutableExecutionColumns.Length + 2} AND ((1::bigint << \"Status\") & ${MutableExecutionColumns.Length + 3}) <> 0 RETURNING 1) " +
        "SELECT 1 / (SELECT COUNT(*) FROM updated)";

    /// <summary>The SQL state of the guard above when the version moved, the status was not allowed, or the run does not exist.</summary>
    public const string NoRowUpdated = "22012";

    // A record written again (a suspended node, a For Each per item) leaves out its input: it was stored with the first write.
    private static readonly string UpsertNodeSql = NodeColumns.UpsertSql(["Id"], ["ExecutionId"], ["Input"], Pg);
    private static readonly string InsertLogSql = LogColumns.InsertSql(Pg);
    private static readonly string InsertValueSql = ValueColumns.InsertSql(Pg) + " ON CONFLICT (\"ExecutionId\", \"Key\") DO NOTHING";
    private static readonly string UpsertCheckpointSql = CheckpointColumns.UpsertSql(["ExecutionId"], [], [], Pg);
    private static readonly string UpsertHistorySql = HistoryColumns.UpsertSql(["ExecutionId", "Step"], [], [], Pg);

    public const long AnyStatus = -1;

    public static NpgsqlBatchCommand InsertExecution(ExecutionEntity execution) => Command(InsertExecutionSql, ExecutionColumns.Values(execution));

    public static NpgsqlBatchCommand UpdateExecution(ExecutionEntity execution, long expectedVersion, long allowedStatusMask) =>
        Command(ConditionalUpdateSql, [.. ExecutionColumns.ValuesOf(execution, MutableExecutionColumns), execution.Id, expectedVersion, allowedStatusMask]);

    public static NpgsqlBatchCommand UpsertNode(NodeExecutionEntity node) => Command(UpsertNodeSql, NodeColumns.Values(node));

    public static NpgsqlBatchCommand InsertLog(ExecutionLogEntity log) => Command(InsertLogSql, LogColumns.Values(log));

    /// <summary>Writes a value once: a key already stored keeps its first value.</summary>
    public static NpgsqlBatchCommand InsertValue(ExecutionValueEntity value) => Command(InsertValueSql, ValueColumns.Values(value));

    /// <summary>Replaces the run's current checkpoint and records it as the state at the start of its step.</summary>
    public static IEnumerable<NpgsqlBatchCommand> SaveCheckpoint(CheckpointEntity checkpoint) =>
        [Command(UpsertCheckpointSql, CheckpointColumns.Values(checkpoint)), Command(UpsertHistorySql, HistoryColumns.Values(checkpoint))];

    /// <summary>A reaction the commit owes (see <see cref="OutboxRows"/>), written in the same batch.</summary>
    public static NpgsqlBatchCommand InsertOutboxRow(OutboxEntity row) => Command(OutboxMapping.PostgresInsertSql, OutboxMapping.Columns.Values(row));

    public static NpgsqlBatchCommand DeactivateCheckpoint(string executionId) =>
        Command("UPDATE \"Checkpoints\" SET \"IsActive\" = false WHERE \"ExecutionId\" = $1", [executionId]);

    public static NpgsqlBatchCommand Command(string sql, IEnumerable<object> values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}
