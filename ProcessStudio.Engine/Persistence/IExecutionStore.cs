using ProcessStudio.Engine.Execution;

namespace ProcessStudio.Engine.Persistence;

/// <summary>Durable run state. Every write that changes an execution checks and bumps its <see cref="ExecutionRecord.Version"/>.</summary>
public interface IExecutionStore
{
    /// <summary>
    /// Creates the run. A run with a <see cref="ExecutionRecord.LockKey"/> that another active run holds cannot be created
    /// active (the store's unique index decides, across instances): <see cref="RunLockHeldException"/>. A queued run always can.
    /// </summary>
    Task CreateAsync(ExecutionRecord execution, Checkpoint? checkpoint, CancellationToken cancellationToken);
    Task<ExecutionRecord?> GetAsync(Guid executionId, CancellationToken cancellationToken);

    /// <summary>Commits one engine step atomically. Throws <see cref="ConcurrencyConflictException"/> when the version moved.</summary>
    Task CommitStepAsync(StepCommit commit, CancellationToken cancellationToken);

    /// <summary>
    /// Changes the status if it is one of <paramref name="allowedFrom"/> and the version is still <paramref name="expectedVersion"/>.
    /// Returns the updated record, or null when another command won (or, releasing a queued run, another run holds its lock key).
    /// </summary>
    Task<ExecutionRecord?> TryTransitionAsync(Guid executionId, long expectedVersion, IReadOnlyCollection<ExecutionStatus> allowedFrom,
        Action<ExecutionRecord> apply, CancellationToken cancellationToken);

    Task<Checkpoint?> GetCheckpointAsync(Guid executionId, CancellationToken cancellationToken);
    /// <summary>History of checkpoints kept for "restart from node": the state at the start of the given step.</summary>
    Task<Checkpoint?> GetCheckpointAtStepAsync(Guid executionId, long step, CancellationToken cancellationToken);

    Task<IReadOnlyList<ExecutionRecord>> ListByStatusAsync(IReadOnlyCollection<ExecutionStatus> statuses, CancellationToken cancellationToken);
    /// <summary>Waiting runs whose <see cref="ExecutionRecord.WakeAt"/> is at or before <paramref name="dueBy"/>, earliest first.</summary>
    Task<IReadOnlyList<ExecutionRecord>> ListWaitingDueAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken);
    /// <summary>Active runs whose <see cref="ExecutionRecord.DeadlineAt"/> is at or before <paramref name="now"/>, earliest first.</summary>
    Task<IReadOnlyList<ExecutionRecord>> ListPastDeadlineAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);
    /// <summary>Lock keys with queued runs and no active holder: runs a missed release left waiting.</summary>
    Task<IReadOnlyList<string>> ListStalledLockKeysAsync(int limit, CancellationToken cancellationToken);
    Task<Page<ExecutionRecord>> QueryAsync(ExecutionQuery query, CancellationToken cancellationToken);
    Task<IReadOnlyList<NodeExecutionRecord>> GetNodeExecutionsAsync(Guid executionId, CancellationToken cancellationToken);
    Task<Page<ExecutionLogRecord>> GetLogsAsync(Guid executionId, LogQuery query, CancellationToken cancellationToken);
    Task<ExecutionStatistics> GetStatisticsAsync(DateTimeOffset from, DateTimeOffset to, Guid? workflowId, CancellationToken cancellationToken);

    Task<int> DeleteAsync(IReadOnlyCollection<Guid> executionIds, CancellationToken cancellationToken);
    /// <summary>Deletes finished executions (and their logs, node records, checkpoints) older than the cutoff.</summary>
    Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}

/// <summary>A start refused because an active run holds its lock key.</summary>
public sealed class RunLockHeldException(string lockKey, Guid? holderId)
    : Exception($"Lock key '{lockKey}' is held by execution {holderId?.ToString() ?? "(another run)"}.")
{
    public string LockKey { get; } = lockKey;
    /// <summary>The holding run; null when it ended between the refusal and the look-up.</summary>
    public Guid? HolderId { get; } = holderId;
}

public sealed class ConcurrencyConflictException(Guid executionId)
    : Exception($"Execution {executionId} was changed by another command.")
{
    public Guid ExecutionId { get; } = executionId;
}
