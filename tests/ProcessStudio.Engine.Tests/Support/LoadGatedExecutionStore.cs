using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Tests.Support;

/// <summary>
/// An execution store that holds the worker after its first transition (it just moved a run to running and goes on to
/// load it) until the test releases it, so a command can be sent exactly while a worker brings a run live. The transition,
/// not the checkpoint read: a worker takes a run this process just created without reading its checkpoint back.
/// </summary>
public sealed class LoadGatedExecutionStore(IExecutionStore inner) : IExecutionStore
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _transitions;

    /// <summary>Completes when the first transition has been made and the worker is being held.</summary>
    public Task LoadEntered => _entered.Task;

    public void ReleaseLoad() => _released.TrySetResult();

    public Task<Checkpoint?> GetCheckpointAsync(Guid executionId, CancellationToken cancellationToken) =>
        inner.GetCheckpointAsync(executionId, cancellationToken);

    public Task CreateAsync(ExecutionRecord execution, Checkpoint? checkpoint, CancellationToken cancellationToken) =>
        inner.CreateAsync(execution, checkpoint, cancellationToken);

    public Task<ExecutionRecord?> GetAsync(Guid executionId, CancellationToken cancellationToken) => inner.GetAsync(executionId, cancellationToken);

    public Task<IReadOnlyList<ExecutionRecord>> ListPastDeadlineAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        inner.ListPastDeadlineAsync(now, limit, cancellationToken);

    public Task<IReadOnlyList<string>> ListStalledLockKeysAsync(int limit, CancellationToken cancellationToken) =>
        inner.ListStalledLockKeysAsync(limit, cancellationToken);

    public Task CommitStepAsync(StepCommit commit, CancellationToken cancellationToken) => inner.CommitStepAsync(commit, cancellationToken);

    public async Task<ExecutionRecord?> TryTransitionAsync(Guid executionId, long expectedVersion, IReadOnlyCollection<ExecutionStatus> allowedFrom,
        Action<ExecutionRecord> apply, CancellationToken cancellationToken)
    {
        var moved = await inner.TryTransitionAsync(executionId, expectedVersion, allowedFrom, apply, cancellationToken);
        if (Interlocked.Increment(ref _transitions) == 1)
        {
            _entered.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
        }
        return moved;
    }

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
