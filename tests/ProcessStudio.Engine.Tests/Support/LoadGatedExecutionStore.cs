using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Tests.Support;

/// <summary>
/// An execution store that holds the first checkpoint read (a worker loading a run it just moved to running) until the
/// test releases it, so a command can be sent exactly while a worker brings a run live.
/// </summary>
public sealed class LoadGatedExecutionStore(IExecutionStore inner) : IExecutionStore
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _reads;

    /// <summary>Completes when the first checkpoint read is being held.</summary>
    public Task LoadEntered => _entered.Task;

    public void ReleaseLoad() => _released.TrySetResult();

    public async Task<Checkpoint?> GetCheckpointAsync(Guid executionId, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _reads) == 1)
        {
            _entered.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
        }
        return await inner.GetCheckpointAsync(executionId, cancellationToken);
    }

    public Task CreateAsync(ExecutionRecord execution, Checkpoint? checkpoint, CancellationToken cancellationToken) =>
        inner.CreateAsync(execution, checkpoint, cancellationToken);

    public Task<ExecutionRecord?> GetAsync(Guid executionId, CancellationToken cancellationToken) => inner.GetAsync(executionId, cancellationToken);

    public Task<IReadOnlyList<ExecutionRecord>> ListPastDeadlineAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        inner.ListPastDeadlineAsync(now, limit, cancellationToken);

    public Task<IReadOnlyList<string>> ListStalledLockKeysAsync(int limit, CancellationToken cancellationToken) =>
        inner.ListStalledLockKeysAsync(limit, cancellationToken);

    public Task CommitStepAsync(StepCommit commit, CancellationToken cancellationToken) => inner.CommitStepAsync(commit, cancellationToken);

    public Task<ExecutionRecord?> TryTransitionAsync(Guid executionId, long expectedVersion, IReadOnlyCollection<ExecutionStatus> allowedFrom,
        Action<ExecutionRecord> apply, CancellationToken cancellationToken) =>
        inner.TryTransitionAsync(executionId, expectedVersion, allowedFrom, apply, cancellationToken);

    public Task<Checkpoint?> GetCheckpointAtStepAsync(Guid executionId, long step, CancellationToken cancellationToken) =>
        inner.GetCheckpointAtStepAsync(executionId, step, cancellationToken);

    public Task<IReadOnlyList<ExecutionRecord>> ListByStatusAsync(IReadOnlyCollection<ExecutionStatus> statuses, CancellationToken cancellationToken) =>
        inner.ListByStatusAsync(statuses, cancellationToken);

    public Task<IReadOnlyList<ExecutionRecord>> ListWaitingDueAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken) =>
        inner.ListWaitingDueAsync(dueBy, limit, cancellationToken);

    public Task<Page<ExecutionRecord>> QueryAsync(ExecutionQuery query, CancellationToken cancellationToken) => inner.QueryAsync(query, cancellationToken);

    public Task<IReadOnlyList<NodeExecutionRecord>> GetNodeExecutionsAsync(Guid executionId, CancellationToken cancellationToken) =>
        inner.GetNodeExecutionsAsync(executionId, cancellationToken);

    public Task<Page<ExecutionLogRecord>> GetLogsAsync(Guid executionId, LogQuery query, CancellationToken cancellationToken) =>
        inner.GetLogsAsync(executionId, query, cancellationToken);

    public Task<ExecutionStatistics> GetStatisticsAsync(DateTimeOffset from, DateTimeOffset to, Guid? workflowId, CancellationToken cancellationToken) =>
        inner.GetStatisticsAsync(from, to, workflowId, cancellationToken);

    public Task<int> DeleteAsync(IReadOnlyCollection<Guid> executionIds, CancellationToken cancellationToken) =>
        inner.DeleteAsync(executionIds, cancellationToken);

    public Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        inner.DeleteFinishedBeforeAsync(cutoff, cancellationToken);
}
