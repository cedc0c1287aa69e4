using Microsoft.Data.Sqlite;
using ProcessStudio.Data.Entities;
using ProcessStudio.Data.Outbox;
using ProcessStudio.Data.Sqlite;
using static ProcessStudio.Data.Stores.ExecutionTables;

namespace ProcessStudio.Data.Stores;

/// <summary>
/// The hot write path for runs: one long-lived connection with prepared statements, used only while the caller
/// holds the <see cref="SqliteWriteGate"/>. EF Core stays on the read side, where its mapping pays off. The statements
/// run synchronously: SQLite has no asynchronous I/O, and Microsoft.Data.Sqlite's async methods only wrap the same calls.
/// </summary>
internal sealed class ExecutionWriter(SqliteDatabase database) : IDisposable, IAsyncDisposable
{
    /// <summary>
    /// Sets every mutable column and bumps Version, only while Version is still the expected one and the current
    /// status is in the allowed set (a bit mask over status values, so one prepared statement serves every caller).
    /// </summary>
    private static readonly string ConditionalUpdateSql =
        $"UPDATE Executions SET {string.Join(", ", ExecutionColumns.Names.Except(ImmutableExecutionColumns).Select(n => $"{n} = ${n}"))}, " +
        "Version = $ExpectedVersion + 1 WHERE Id = $Id AND Version = $ExpectedVersion AND ((1 << Status) & $AllowedStatusMask) <> 0";

    /// <summary>
    /// The same update for a step that leaves status and wake time as they are (most steps): leaving them out of SET
    /// spares SQLite rewriting the two Status indexes, two of the ≈ 14 pages a step wrote. It changes nothing (0 rows)
    /// when they did change, and the full update runs instead.
    /// </summary>
    private static readonly string ProgressUpdateSql =
        $"UPDATE Executions SET {string.Join(", ", ExecutionColumns.Names.Except(ImmutableExecutionColumns).Except(["Status", "WakeAt"]).Select(n => $"{n} = ${n}"))}, " +
        "Version = $ExpectedVersion + 1 WHERE Id = $Id AND Version = $ExpectedVersion AND Status = $Status AND WakeAt IS $WakeAt " +
        "AND ((1 << Status) & $AllowedStatusMask) <> 0";

    private static readonly string[] UpdateParameters = ["$ExpectedVersion", "$AllowedStatusMask"];

    private SqliteConnection? _connection;
    private Statements? _statements;

    /// <summary>Begins an IMMEDIATE transaction on the writer connection (opened on first use).</summary>
    public async ValueTask<WriteTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        if (_statements is null)
        {
            var connection = await database.OpenConnectionAsync(cancellationToken);
            try
            {
                _statements = new Statements(connection);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
            _connection = connection;
        }
        return new WriteTransaction(_connection!, _statements.Transactions);
    }

    private Statements Prepared => _statements ?? throw new InvalidOperationException("No transaction was begun on the execution writer.");

    public void InsertExecution(ExecutionEntity execution) => Run(Prepared.InsertExecution, ExecutionColumns, execution);

    /// <summary>Returns false when the version moved or the status is not in <paramref name="allowedStatusMask"/>.</summary>
    public bool TryUpdateExecution(ExecutionEntity execution, long expectedVersion, long allowedStatusMask) =>
        TryUpdate(Prepared.ProgressExecution, execution, expectedVersion, allowedStatusMask)
        || TryUpdate(Prepared.UpdateExecution, execution, expectedVersion, allowedStatusMask);

    private static bool TryUpdate(PreparedStatement statement, ExecutionEntity execution, long expectedVersion, long allowedStatusMask)
    {
        ExecutionColumns.Bind(statement, execution);
        statement.Bind(ExecutionColumns.Count, expectedVersion);
        statement.Bind(ExecutionColumns.Count + 1, allowedStatusMask);
        return statement.Execute() == 1;
    }

    public void UpsertNodeExecution(NodeExecutionEntity node) => Run(Prepared.UpsertNode, NodeColumns, node);

    /// <summary>Writes a value once: a key already stored keeps its first value (a record's input is the one it started with).</summary>
    public void InsertValues(IEnumerable<ExecutionValueEntity> values)
    {
        foreach (var value in values)
            Run(Prepared.InsertValue, ValueColumns, value);
    }

    public void InsertLog(ExecutionLogEntity log) => Run(Prepared.InsertLog, LogColumns, log);

    /// <summary>
    /// Records the checkpoint as the state at the start of its step, which makes it the run's current one. The run's
    /// Checkpoints row is written only when it is new or its IsActive changes: rewriting it on every step cost a page.
    /// </summary>
    public void SaveCheckpoint(CheckpointEntity checkpoint)
    {
        Run(Prepared.UpsertHistory, HistoryColumns, checkpoint);
        Run(Prepared.UpsertCheckpoint, CheckpointColumns, checkpoint);
    }

    public void DeactivateCheckpoint(string executionId)
    {
        Prepared.DeactivateCheckpoint.Bind(0, executionId);
        Prepared.DeactivateCheckpoint.Execute();
    }

    /// <summary>The outbox rows a step owes commit with it; a row already there is kept.</summary>
    public void InsertOutboxRows(IEnumerable<OutboxEntity> rows)
    {
        foreach (var row in rows)
            Run(Prepared.InsertOutbox, OutboxMapping.Columns, row);
    }

    public bool ExecutionExists(string executionId)
    {
        Prepared.ExecutionExists.Bind(0, executionId);
        return Prepared.ExecutionExists.ExecuteScalar() == 1;
    }

    /// <summary>Runs ad-hoc SQL (prepared for this one call) inside the open transaction; returns the rows it changed.</summary>
    public int Execute(string sql, IReadOnlyDictionary<string, object> parameters)
    {
        using var statement = new PreparedStatement(_connection!, sql, parameters.Keys);
        var position = 0;
        foreach (var value in parameters.Values)
            statement.Bind(position++, value);
        return statement.Execute();
    }

    private static void Run<T>(PreparedStatement statement, ColumnSet<T> columns, T entity)
    {
        columns.Bind(statement, entity);
        statement.Execute();
    }

    public void Dispose()
    {
        _statements?.Dispose();
        _connection?.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        // Closing a SQLite connection is synchronous work either way.
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Every statement of the write path, prepared once when the connection opens.</summary>
    private sealed class Statements(SqliteConnection connection) : IDisposable
    {
        public WriteTransaction.Statements Transactions { get; } = new(connection);
        public PreparedStatement InsertExecution { get; } = ExecutionColumns.Prepare(connection, ExecutionColumns.InsertSql());
        public PreparedStatement UpdateExecution { get; } = ExecutionColumns.Prepare(connection, ConditionalUpdateSql, UpdateParameters);
        public PreparedStatement ProgressExecution { get; } = ExecutionColumns.Prepare(connection, ProgressUpdateSql, UpdateParameters);
        // A record written again (a suspended node, a For Each per item) leaves out its input: it was stored with the first write.
        public PreparedStatement UpsertNode { get; } = NodeColumns.Prepare(connection, NodeColumns.UpsertSql(["ExecutionId", "Id"], [], ["Input"]));
        public PreparedStatement InsertLog { get; } = LogColumns.Prepare(connection, LogColumns.InsertSql());
        public PreparedStatement UpsertCheckpoint { get; } = CheckpointColumns.Prepare(connection,
            CheckpointColumns.UpsertSql(["ExecutionId"]) + " WHERE Checkpoints.IsActive <> excluded.IsActive");
        public PreparedStatement UpsertHistory { get; } = HistoryColumns.Prepare(connection, HistoryColumns.UpsertSql(["ExecutionId", "Step"]));
        public PreparedStatement InsertValue { get; } = ValueColumns.Prepare(connection, ValueColumns.InsertSql() + " ON CONFLICT (ExecutionId, Key) DO NOTHING");
        public PreparedStatement InsertOutbox { get; } = OutboxMapping.Columns.Prepare(connection, OutboxMapping.InsertSql);
        public PreparedStatement DeactivateCheckpoint { get; } =
            new(connection, "UPDATE Checkpoints SET IsActive = 0 WHERE ExecutionId = $ExecutionId", ["$ExecutionId"]);
        public PreparedStatement ExecutionExists { get; } = new(connection, "SELECT EXISTS (SELECT 1 FROM Executions WHERE Id = $id)", ["$id"]);

        public void Dispose()
        {
            Transactions.Dispose();
            foreach (var statement in new[] { InsertExecution, UpdateExecution, ProgressExecution, UpsertNode, InsertLog, UpsertCheckpoint,
                         UpsertHistory, InsertValue, InsertOutbox, DeactivateCheckpoint, ExecutionExists })
                statement.Dispose();
        }
    }
}
