using Microsoft.Data.Sqlite;
using ProcessStudio.Data.Entities;
using ProcessStudio.Data.Sqlite;
using static ProcessStudio.Data.Stores.ExecutionTables;

namespace ProcessStudio.Data.Stores;

/// <summary>
/// The hot write path for runs: one long-lived connection with prepared statements, used only while the caller
/// holds the <see cref="SqliteWriteGate"/>. EF Core stays on the read side, where its mapping pays off.
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

    private SqliteConnection? _connection;
    private SqliteCommand? _progressExecution;
    private SqliteCommand? _insertExecution, _updateExecution, _upsertNode, _insertLog, _upsertCheckpoint, _upsertHistory, _deactivateCheckpoint, _insertValue;

    /// <summary>Begins an IMMEDIATE transaction on the writer connection (opened on first use).</summary>
    public async Task<SqliteTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        if (_connection is null)
        {
            _connection = await database.OpenConnectionAsync(cancellationToken);
            PrepareCommands(_connection);
        }
        return _connection.BeginTransaction(deferred: false);
    }

    public Task InsertExecutionAsync(SqliteTransaction transaction, ExecutionEntity execution, CancellationToken cancellationToken) =>
        ExecuteAsync(_insertExecution!, transaction, ExecutionColumns, execution, cancellationToken);

    /// <summary>Returns false when the version moved or the status is not in <paramref name="allowedStatusMask"/>.</summary>
    public async Task<bool> TryUpdateExecutionAsync(SqliteTransaction transaction, ExecutionEntity execution, long expectedVersion,
        long allowedStatusMask, CancellationToken cancellationToken)
    {
        foreach (var command in new[] { _progressExecution!, _updateExecution! })
        {
            ExecutionColumns.Bind(command, execution);
            command.Parameters["$ExpectedVersion"].Value = expectedVersion;
            command.Parameters["$AllowedStatusMask"].Value = allowedStatusMask;
            command.Transaction = transaction;
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 1) return true;
        }
        return false;
    }

    public Task UpsertNodeExecutionAsync(SqliteTransaction transaction, NodeExecutionEntity node, CancellationToken cancellationToken) =>
        ExecuteAsync(_upsertNode!, transaction, NodeColumns, node, cancellationToken);

    /// <summary>Writes a value once: a key already stored keeps its first value (a record's input is the one it started with).</summary>
    public async Task InsertValuesAsync(SqliteTransaction transaction, IEnumerable<ExecutionValueEntity> values, CancellationToken cancellationToken)
    {
        foreach (var value in values)
            await ExecuteAsync(_insertValue!, transaction, ValueColumns, value, cancellationToken);
    }

    public Task InsertLogAsync(SqliteTransaction transaction, ExecutionLogEntity log, CancellationToken cancellationToken) =>
        ExecuteAsync(_insertLog!, transaction, LogColumns, log, cancellationToken);

    /// <summary>
    /// Records the checkpoint as the state at the start of its step, which makes it the run's current one. The run's
    /// Checkpoints row is written only when it is new or its IsActive changes: rewriting it on every step cost a page.
    /// </summary>
    public async Task SaveCheckpointAsync(SqliteTransaction transaction, CheckpointEntity checkpoint, CancellationToken cancellationToken)
    {
        await ExecuteAsync(_upsertHistory!, transaction, HistoryColumns, checkpoint, cancellationToken);
        await ExecuteAsync(_upsertCheckpoint!, transaction, CheckpointColumns, checkpoint, cancellationToken);
    }

    public async Task DeactivateCheckpointAsync(SqliteTransaction transaction, string executionId, CancellationToken cancellationToken)
    {
        var command = _deactivateCheckpoint!;
        command.Parameters["$ExecutionId"].Value = executionId;
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Runs ad-hoc SQL on the writer connection, inside the given transaction.</summary>
    public async Task<int> ExecuteAsync(SqliteTransaction transaction, string sql, IReadOnlyDictionary<string, object> parameters,
        CancellationToken cancellationToken)
    {
        await using var command = _connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> ExecutionExistsAsync(SqliteTransaction transaction, string executionId, CancellationToken cancellationToken)
    {
        await using var command = _connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM Executions WHERE Id = $id)";
        command.Parameters.AddWithValue("$id", executionId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken)) == 1;
    }

    private static async Task ExecuteAsync<T>(SqliteCommand command, SqliteTransaction transaction, ColumnSet<T> columns, T entity,
        CancellationToken cancellationToken)
    {
        columns.Bind(command, entity);
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private void PrepareCommands(SqliteConnection connection)
    {
        _insertExecution = ExecutionColumns.CreateCommand(connection, ExecutionColumns.InsertSql());
        _updateExecution = ExecutionColumns.CreateCommand(connection, ConditionalUpdateSql);
        _updateExecution.Parameters.Add(new SqliteParameter("$ExpectedVersion", null));
        _updateExecution.Parameters.Add(new SqliteParameter("$AllowedStatusMask", null));
        _progressExecution = ExecutionColumns.CreateCommand(connection, ProgressUpdateSql);
        _progressExecution.Parameters.Add(new SqliteParameter("$ExpectedVersion", null));
        _progressExecution.Parameters.Add(new SqliteParameter("$AllowedStatusMask", null));
        // A record written again (a suspended node, a For Each per item) leaves out its input: it was stored with the first write.
        _upsertNode = NodeColumns.CreateCommand(connection, NodeColumns.UpsertSql(["ExecutionId", "Id"], [], ["Input"]));
        _insertLog = LogColumns.CreateCommand(connection, LogColumns.InsertSql());
        _upsertCheckpoint = CheckpointColumns.CreateCommand(connection,
            CheckpointColumns.UpsertSql(["ExecutionId"]) + " WHERE Checkpoints.IsActive <> excluded.IsActive");
        _upsertHistory = HistoryColumns.CreateCommand(connection, HistoryColumns.UpsertSql(["ExecutionId", "Step"]));
        _insertValue = ValueColumns.CreateCommand(connection, ValueColumns.InsertSql() + " ON CONFLICT (ExecutionId, Key) DO NOTHING");
        _deactivateCheckpoint = connection.CreateCommand();
        _deactivateCheckpoint.CommandText = "UPDATE Checkpoints SET IsActive = 0 WHERE ExecutionId = $ExecutionId";
        _deactivateCheckpoint.Parameters.Add(new SqliteParameter("$ExecutionId", null));
    }

    public void Dispose()
    {
        foreach (var command in new[] { _progressExecution, _insertExecution, _updateExecution, _upsertNode, _insertLog, _upsertCheckpoint, _upsertHistory, _deactivateCheckpoint, _insertValue })
            command?.Dispose();
        _connection?.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        // Closing a SQLite connection is synchronous work either way.
        Dispose();
        return ValueTask.CompletedTask;
    }
}
