using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ProcessStudio.Data.Entities;
using ProcessStudio.Data.Mapping;
using ProcessStudio.Data.Outbox;
using ProcessStudio.Data.Sqlite;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Execution.Outbox;
using ProcessStudio.Engine.Execution.Runtime;
using ProcessStudio.Engine.Persistence;
using static ProcessStudio.Data.Mapping.StorageValues;

namespace ProcessStudio.Data.Stores;

/// <summary>
/// Durable run state on SQLite (the reads are shared with PostgreSQL, see <see cref="ExecutionStoreReads"/>). Writes are serialised by the <see cref="SqliteWriteGate"/> and go through one
/// prepared-statement connection; reads use pooled EF Core contexts without change tracking and run concurrently.
/// </summary>
public sealed class SqliteExecutionStore : ExecutionStoreReads, IExecutionStore, IDisposable, IAsyncDisposable
{
    private const int DeleteBatchSize = 500;

    private readonly SqliteWriteGate _gate;
    private readonly ExecutionWriter _writer;
    private readonly StepCommitBatcher _steps;

    public SqliteExecutionStore(IDbContextFactory<ProcessStudioDbContext> contexts, SqliteDatabase database, SqliteWriteGate gate)
        : base(contexts)
    {
        _gate = gate;
        _writer = new ExecutionWriter(database);
        _steps = new StepCommitBatcher(_writer, gate);
    }

    public async Task CreateAsync(ExecutionRecord execution, Checkpoint? checkpoint, CancellationToken cancellationToken)
    {
        try
        {
            await InsertAsync(execution, checkpoint, cancellationToken);
        }
        catch (SqliteException ex) when (IsLockKeyHeld(ex) && execution.LockKey is { } key)
        {
            throw new RunLockHeldException(key, await LockHolderAsync(key, cancellationToken));
        }
    }

    /// <summary>Only UX_Executions_ActiveLockKey is unique on Executions besides the primary key (a different code).</summary>
    private static bool IsLockKeyHeld(SqliteException ex) => ex.SqliteExtendedErrorCode == SqliteUniqueConstraint;

    private const int SqliteUniqueConstraint = 2067;   // SQLITE_CONSTRAINT_UNIQUE

    private async Task InsertAsync(ExecutionRecord execution, Checkpoint? checkpoint, CancellationToken cancellationToken)
    {
        using var _ = await _gate.EnterAsync(cancellationToken);
        using var transaction = await _writer.BeginAsync(cancellationToken);
        var id = Id(execution.Id);
        var values = new List<ExecutionValueEntity>();
        _writer.InsertExecution(execution.ToEntity(withInput: false));
        if (StoredValues.Compact(StorageValues.Json(execution.Input), wholeValue: true, id, values) is { } input)
            values.Add(new ExecutionValueEntity { ExecutionId = id, Key = ExecutionValueEntity.RunInputKey, Json = input });
        var entity = checkpoint?.ToEntity(execution.Id);
        if (entity is not null)
            entity.State = StoredValues.Compact(entity.State, wholeValue: false, id, values)!;
        _writer.InsertValues(values);
        if (entity is not null)
            _writer.SaveCheckpoint(entity);
        transaction.Commit();
    }

    /// <summary>
    /// Commits the step in one transaction (shared with other runs' steps when they arrive together). On success
    /// <c>commit.Execution.Version</c> is set to the new version, so the engine can keep using the same record.
    /// </summary>
    public async Task CommitStepAsync(StepCommit commit, CancellationToken cancellationToken)
    {
        await _steps.CommitAsync(PreparedStep.From(commit), cancellationToken);
        commit.Execution.Version = commit.ExpectedVersion + 1;
        RunEvents.Committed(commit.Execution);
    }

    public async Task<ExecutionRecord?> TryTransitionAsync(Guid executionId, long expectedVersion, IReadOnlyCollection<ExecutionStatus> allowedFrom,
        Action<ExecutionRecord> apply, CancellationToken cancellationToken)
    {
        using var _ = await _gate.EnterAsync(cancellationToken);
        if (await ApplyToCurrentAsync(executionId, expectedVersion, allowedFrom, apply, cancellationToken) is not { } current)
            return null;
        var allowedMask = StatusMask(allowedFrom);

        using var transaction = await _writer.BeginAsync(cancellationToken);
        // The WHERE clause re-checks version and status, so another process writing the same file cannot slip in.
        var row = current.ToEntity(withInput: false);
        var values = new List<ExecutionValueEntity>();
        row.Output = StoredValues.Compact(row.Output, wholeValue: true, row.Id, values);
        try
        {
            if (!_writer.TryUpdateExecution(row, expectedVersion, allowedMask))
                return null;
        }
        catch (SqliteException ex) when (IsLockKeyHeld(ex))
        {
            return null;   // a queued run released while another run holds its key: it stays queued
        }
        _writer.InsertValues(values);
        if (current.Status.IsFinished())
            _writer.DeactivateCheckpoint(Id(executionId));
        _writer.InsertOutboxRows(OutboxRows.Of(current));
        transaction.Commit();
        RunEvents.Committed(current);

        current.Version = expectedVersion + 1;
        return current;
    }

    public async Task<int> DeleteAsync(IReadOnlyCollection<Guid> executionIds, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var batch in executionIds.Select(Id).Chunk(DeleteBatchSize))
        {
            var parameters = batch.Select((id, i) => (Name: $"$id{i}", Value: (object)id)).ToDictionary(p => p.Name, p => p.Value);
            var sql = $"DELETE FROM Executions WHERE Id IN ({string.Join(", ", parameters.Keys)})";
            deleted += await DeleteInTransactionAsync(sql, parameters, cancellationToken);
        }
        return deleted;
    }

    public async Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        // Small batches keep each write lock short, so running executions are not held up by a large clean-up.
        const string sql =
            "DELETE FROM Executions WHERE Id IN (SELECT Id FROM Executions WHERE Status IN ($completed, $failed, $cancelled, $compensated, $compensationFailed) " +
            "AND COALESCE(StoppedAt, CreatedAt) < $cutoff LIMIT $batch)";
        var parameters = new Dictionary<string, object>
        {
            ["$completed"] = (int)ExecutionStatus.Completed,
            ["$failed"] = (int)ExecutionStatus.Failed,
            ["$cancelled"] = (int)ExecutionStatus.Cancelled,
            ["$compensated"] = (int)ExecutionStatus.Compensated,
            ["$compensationFailed"] = (int)ExecutionStatus.CompensationFailed,
            ["$cutoff"] = Time(cutoff),
            ["$batch"] = DeleteBatchSize,
        };
        var total = 0;
        int deleted;
        do
        {
            deleted = await DeleteInTransactionAsync(sql, parameters, cancellationToken);
            total += deleted;
        } while (deleted == DeleteBatchSize);
        return total;
    }

    public void Dispose() => _writer.Dispose();

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    private async Task<int> DeleteInTransactionAsync(string sql, IReadOnlyDictionary<string, object> parameters, CancellationToken cancellationToken)
    {
        using var _ = await _gate.EnterAsync(cancellationToken);
        using var transaction = await _writer.BeginAsync(cancellationToken);
        var deleted = _writer.Execute(sql, parameters);
        transaction.Commit();
        return deleted;
    }
}
