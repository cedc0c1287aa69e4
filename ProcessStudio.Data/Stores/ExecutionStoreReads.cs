using Microsoft.EntityFrameworkCore;
using ProcessStudio.Data.Entities;
using ProcessStudio.Data.Mapping;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Execution.Runtime;
using ProcessStudio.Engine.Persistence;
using static ProcessStudio.Data.Mapping.StorageValues;

namespace ProcessStudio.Data.Stores;

/// <summary>
/// The read side of <see cref="IExecutionStore"/>: pooled EF Core contexts without change tracking, the same LINQ on
/// SQLite and PostgreSQL. Each provider's store derives from this and adds its own hot write path.
/// </summary>
public abstract class ExecutionStoreReads(IDbContextFactory<ProcessStudioDbContext> contexts)
{
    protected IDbContextFactory<ProcessStudioDbContext> Contexts { get; } = contexts;

    public async Task<ExecutionRecord?> GetAsync(Guid executionId, CancellationToken cancellationToken)
    {
        var id = Id(executionId);
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
        var entity = await db.Executions.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entity is null) return null;
        await RunInputs.FillAsync(db.ExecutionValues, [entity], cancellationToken);
        return entity.ToRecord();
    }

    public async Task<Checkpoint?> GetCheckpointAsync(Guid executionId, CancellationToken cancellationToken)
    {
        var id = Id(executionId);
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
        var entity = await db.Checkpoints.AsNoTracking().FirstOrDefaultAsync(c => c.ExecutionId == id, cancellationToken);
        if (entity is null) return null;
        // Steps only move forward, so the run's current state is its latest history row; the Checkpoints row says
        // whether it can resume (Scripts/0017 moved the states older rows still held into history).
        var latest = await db.CheckpointHistory.AsNoTracking().Where(c => c.ExecutionId == id).OrderByDescending(c => c.Step)
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new CheckpointInvalidException(executionId, "the state of its current checkpoint is missing");
        return await WholeAsync(db, latest.ToRecord() with { IsActive = entity.IsActive }, cancellationToken);
    }

    public async Task<Checkpoint?> GetCheckpointAtStepAsync(Guid executionId, long step, CancellationToken cancellationToken)
    {
        var id = Id(executionId);
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
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
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
        var entities = await db.Executions.Where(e => values.Contains(e.Status)).OrderBy(e => e.CreatedAt).ToListAsync(cancellationToken);
        await RunInputs.FillAsync(db.ExecutionValues, entities, cancellationToken);
        return entities.Select(e => e.ToRecord()).ToList();
    }

    public async Task<IReadOnlyList<ExecutionRecord>> ListWaitingDueAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken)
    {
        var waiting = (int)ExecutionStatus.Waiting;
        var due = Time(dueBy);
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
        // Served by IX_Executions_Status_WakeAt: one range scan however many runs are parked.
        var entities = await db.Executions.Where(e => e.Status == waiting && e.WakeAt != null && e.WakeAt <= due)
            .OrderBy(e => e.WakeAt).Take(limit).ToListAsync(cancellationToken);
        await RunInputs.FillAsync(db.ExecutionValues, entities, cancellationToken);
        return entities.Select(e => e.ToRecord()).ToList();
    }

    public async Task<IReadOnlyList<ExecutionRecord>> ListPastDeadlineAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var active = RunLocks.HoldingStatuses.Select(s => (int)s).ToList();
        var nowMs = Time(now);
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
        // Served by IX_Executions_Status_DeadlineAt (partial: only runs with a deadline).
        var entities = await db.Executions.Where(e => active.Contains(e.Status) && e.DeadlineAt != null && e.DeadlineAt <= nowMs)
            .OrderBy(e => e.DeadlineAt).Take(limit).ToListAsync(cancellationToken);
        return entities.Select(e => e.ToRecord()).ToList();
    }

    public async Task<IReadOnlyList<string>> ListStalledLockKeysAsync(int limit, CancellationToken cancellationToken)
    {
        var queued = (int)ExecutionStatus.Queued;
        var active = RunLocks.HoldingStatuses.Select(s => (int)s).ToList();
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
        return await db.Executions.Where(e => e.Status == queued && e.LockKey != null
                && !db.Executions.Any(h => h.LockKey == e.LockKey && active.Contains(h.Status)))
            .Select(e => e.LockKey!).Distinct().Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>The run holding <paramref name="lockKey"/> now, if any (for the refusal's message).</summary>
    protected async Task<Guid?> LockHolderAsync(string lockKey, CancellationToken cancellationToken)
    {
        var active = RunLocks.HoldingStatuses.Select(s => (int)s).ToList();
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
        var id = await db.Executions.Where(e => e.LockKey == lockKey && active.Contains(e.Status)).Select(e => e.Id).FirstOrDefaultAsync(cancellationToken);
        return id is null ? null : ToGuid(id);
    }

    public async Task<Page<ExecutionRecord>> QueryAsync(ExecutionQuery query, CancellationToken cancellationToken)
    {
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
        return await ExecutionHistoryQuery.RunAsync(db.Executions, db.ExecutionValues, query, cancellationToken);
    }

    public async Task<IReadOnlyList<NodeExecutionRecord>> GetNodeExecutionsAsync(Guid executionId, CancellationToken cancellationToken)
    {
        var id = Id(executionId);
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
        var entities = await db.NodeExecutions.Where(n => n.ExecutionId == id)
            .OrderBy(n => n.Step).ThenBy(n => n.StartedAt).ThenBy(n => n.Id).ToListAsync(cancellationToken);   // ids increase (RowIds)
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
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
        return await ExecutionLogQuery.RunAsync(db.ExecutionLogs, Id(executionId), query, cancellationToken);
    }

    public async Task<ExecutionStatistics> GetStatisticsAsync(DateTimeOffset from, DateTimeOffset to, Guid? workflowId, CancellationToken cancellationToken)
    {
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
        return await ExecutionStatisticsQuery.RunAsync(db.Executions, from, to, workflowId, cancellationToken);
    }

    /// <summary>
    /// The first half of a transition: the run as stored, with <paramref name="apply"/> done on it, or null when its
    /// version or status is not the expected one. The caller writes it with a WHERE clause that checks both again.
    /// </summary>
    protected async Task<ExecutionRecord?> ApplyToCurrentAsync(Guid executionId, long expectedVersion, IReadOnlyCollection<ExecutionStatus> allowedFrom,
        Action<ExecutionRecord> apply, CancellationToken cancellationToken)
    {
        var current = await GetAsync(executionId, cancellationToken) ?? throw new NotFoundException("Execution", executionId);
        if (current.Version != expectedVersion || !allowedFrom.Contains(current.Status))
            return null;
        apply(current);
        current.Id = executionId;
        return current;
    }

    /// <summary>The statuses as a bit mask, so one prepared UPDATE serves every set of allowed statuses.</summary>
    protected static long StatusMask(IReadOnlyCollection<ExecutionStatus> statuses) =>
        statuses.Aggregate(0L, (mask, status) => mask | (1L << (int)status));
}
