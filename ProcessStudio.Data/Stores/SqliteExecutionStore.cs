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
/// Durable run state on SQLite. Writes are serialised by the <see cref="SqliteWriteGate"/> and go through one
/// prepared-statement connection; reads use pooled EF Core contexts without change tracking and run concurrently.
/// </summary>
public sealed class SqliteExecutionStore : IExecutionStore, IDisposable, IAsyncDisposable
{
    private const int DeleteBatchSize = 500;

    private readonly IDbContextFactory<ProcessStudioDbContext> _contexts;
    private readonly SqliteWriteGate _gate;
    private readonly ExecutionWriter _writer;
    private readonly StepCommitBatcher _steps;

    public SqliteExecutionStore(IDbContextFactory<ProcessStudioDbContext> contexts, SqliteDatabase database, SqliteWriteGate gate)
    {
        _contexts = contexts;
        _gate = gate;
        _writer = new ExecutionWriter(database);
        _steps = new StepCommitBatcher(_writer, gate);
    }

    public async Task CreateAsync(ExecutionRecord execution, Checkpoint? checkpoint, CancellationToken cancellationToken)
    {
        using var _ = await _gate.EnterAsync(cancellationToken);
        await using var transaction = await _writer.BeginAsync(cancellationToken);
        var id = Id(execution.Id);
        var values = new List<ExecutionValueEntity>();
        await _writer.InsertExecutionAsync(transaction, execution.ToEntity(withInput: false), cancellationToken);
        if (StoredValues.Compact(StorageValues.Json(execution.Input), wholeValue: true, id, values) is { } input)
            values.Add(new ExecutionValueEntity { ExecutionId = id, Key = ExecutionValueEntity.RunInputKey, Json = input });
        var entity = checkpoint?.ToEntity(execution.Id);
        if (entity is not null)
            entity.State = StoredValues.Compact(entity.State, wholeValue: false, id, values)!;
        await _writer.InsertValuesAsync(transaction, values, cancellationToken);
        if (entity is not null)
            await _writer.SaveCheckpointAsync(transaction, entity, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
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
        var current = await GetAsync(executionId, cancellationToken) ?? throw new NotFoundException("Execution", executionId);
        if (current.Version != expectedVersion || !allowedFrom.Contains(current.Status))
            return null;

        apply(current);
        current.Id = executionId;
        var allowedMask = allowedFrom.Aggregate(0L, (mask, status) => mask | (1L << (int)status));

        await using var transaction = await _writer.BeginAsync(cancellationToken);
        // The WHERE clause re-checks version and status, so another process writing the same file cannot slip in.
        var row = current.ToEntity(withInput: false);
        var values = new List<ExecutionValueEntity>();
        row.Output = StoredValues.Compact(row.Output, wholeValue: true, row.Id, values);
        if (!await _writer.TryUpdateExecutionAsync(transaction, row, expectedVersion, allowedMask, cancellationToken))
            return null;
        await _writer.InsertValuesAsync(transaction, values, cancellationToken);
        if (current.Status.IsFinished())
            await _writer.DeactivateCheckpointAsync(transaction, Id(executionId), cancellationToken);
        await OutboxRows.WriteAsync(_writer, transaction, OutboxRows.Of(current), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        RunEvents.Committed(current);

        current.Version = expectedVersion + 1;
        return current;
    }

    public async Task<ExecutionRecord?> GetAsync(Guid executionId, CancellationToken cancellationToken)
    {
        var id = Id(executionId);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var entity = await db.Executions.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entity is null) return null;
        await RunInputs.FillAsync(db.ExecutionValues, [entity], cancellationToken);
        return entity.ToRecord();
    }

    public async Task<Checkpoint?> GetCheckpointAsync(Guid executionId, CancellationToken cancellationToken)
    {
        var id = Id(executionId);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var entity = await db.Checkpoints.AsNoTracking().FirstOrDefaultAsync(c => c.ExecutionId == id, cancellationToken);
        if (entity is null) return null;
        if (entity.State == CheckpointEntity.InHistory)
        {
            var history = await db.CheckpointHistory.AsNoTracking().FirstOrDefaultAsync(c => c.ExecutionId == id && c.Step == entity.Step, cancellationToken)
                ?? throw new CheckpointInvalidException(executionId, $"the state of its checkpoint at step {entity.Step} is missing");
            entity.State = history.State;
        }
        return await WholeAsync(db, entity.ToRecord(), cancellationToken);
    }

    public async Task<Checkpoint?> GetCheckpointAtStepAsync(Guid executionId, long step, CancellationToken cancellationToken)
    {
        var id = Id(executionId);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var entity = await db.CheckpointHistory.AsNoTracking().FirstOrDefaultAsync(c => c.ExecutionId == id && c.Step == step, cancellationToken);
        return entity is null ? null : await WholeAsync(db, entity.ToRecord(), cancellationToken);
    }

    /// <summary>
    /// A delta is read with the history rows of its chain, from its base up to the step before it; every row with the
    /// large values it refers to.
    /// </summary>
    private static async Task<Checkpoint> WholeAsync(ProcessStudioDbContext db, Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        var id = Id(checkpoint.ExecutionId);
        List<Checkpoint> chain = [];
        if (checkpoint.BaseStep is { } baseStep)
        {
            var rows = await db.CheckpointHistory.AsNoTracking()
                .Where(c => c.ExecutionId == id && c.Step >= baseStep && c.Step < checkpoint.Step)
                .OrderBy(c => c.Step)
                .ToListAsync(cancellationToken);
            chain = [.. rows.Select(c => c.ToRecord())];
        }
        var inline = await StoredValues.InlinerAsync(db.ExecutionValues, id, [checkpoint.StateJson, .. chain.Select(c => c.StateJson)], cancellationToken);
        checkpoint = checkpoint with { StateJson = inline(checkpoint.StateJson)! };
        if (checkpoint.BaseStep is null) return checkpoint;
        return CheckpointChain.Compose(checkpoint, [.. chain.Select(c => c with { StateJson = inline(c.StateJson)! })]);
    }

    public async Task<IReadOnlyList<ExecutionRecord>> ListByStatusAsync(IReadOnlyCollection<ExecutionStatus> statuses, CancellationToken cancellationToken)
    {
        var values = statuses.Select(s => (int)s).ToList();
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var entities = await db.Executions.Where(e => values.Contains(e.Status)).OrderBy(e => e.CreatedAt).ToListAsync(cancellationToken);
        await RunInputs.FillAsync(db.ExecutionValues, entities, cancellationToken);
        return entities.Select(e => e.ToRecord()).ToList();
    }

    public async Task<IReadOnlyList<ExecutionRecord>> ListWaitingDueAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken)
    {
        var waiting = (int)ExecutionStatus.Waiting;
        var due = Time(dueBy);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        // Served by IX_Executions_Status_WakeAt: one range scan however many runs are parked.
        var entities = await db.Executions.Where(e => e.Status == waiting && e.WakeAt != null && e.WakeAt <= due)
            .OrderBy(e => e.WakeAt).Take(limit).ToListAsync(cancellationToken);
        await RunInputs.FillAsync(db.ExecutionValues, entities, cancellationToken);
        return entities.Select(e => e.ToRecord()).ToList();
    }

    public async Task<Page<ExecutionRecord>> QueryAsync(ExecutionQuery query, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await ExecutionHistoryQuery.RunAsync(db.Executions, db.ExecutionValues, query, cancellationToken);
    }

    public async Task<IReadOnlyList<NodeExecutionRecord>> GetNodeExecutionsAsync(Guid executionId, CancellationToken cancellationToken)
    {
        var id = Id(executionId);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var entities = await db.NodeExecutions.Where(n => n.ExecutionId == id)
            .OrderBy(n => n.Step).ThenBy(n => n.StartedAt).ToListAsync(cancellationToken);
        var inputs = await db.ExecutionValues.Where(v => v.ExecutionId == id && v.Key.StartsWith(ExecutionValueEntity.NodeInputPrefix))
            .ToDictionaryAsync(v => v.Key, v => v.Json, cancellationToken);
        foreach (var node in entities)
            node.Input ??= inputs.GetValueOrDefault(ExecutionValueEntity.NodeInputKey(node.Id));
        var inline = await StoredValues.InlinerAsync(db.ExecutionValues, id, [.. entities.SelectMany(n => new[] { n.Input, n.Output })], cancellationToken);
        foreach (var node in entities)
        {
            node.Input = inline(node.Input);
            node.Output = inline(node.Output);
        }
        return entities.Select(n => n.ToRecord()).ToList();
    }

    public async Task<Page<ExecutionLogRecord>> GetLogsAsync(Guid executionId, LogQuery query, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await ExecutionLogQuery.RunAsync(db.ExecutionLogs, Id(executionId), query, cancellationToken);
    }

    public async Task<ExecutionStatistics> GetStatisticsAsync(DateTimeOffset from, DateTimeOffset to, Guid? workflowId, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await ExecutionStatisticsQuery.RunAsync(db.Executions, from, to, workflowId, cancellationToken);
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
            "DELETE FROM Executions WHERE Id IN (SELECT Id FROM Executions WHERE Status IN ($completed, $failed, $cancelled) " +
            "AND COALESCE(StoppedAt, CreatedAt) < $cutoff LIMIT $batch)";
        var parameters = new Dictionary<string, object>
        {
            ["$completed"] = (int)ExecutionStatus.Completed,
            ["$failed"] = (int)ExecutionStatus.Failed,
            ["$cancelled"] = (int)ExecutionStatus.Cancelled,
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
        await using var transaction = await _writer.BeginAsync(cancellationToken);
        var deleted = await _writer.ExecuteAsync(transaction, sql, parameters, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }
}
