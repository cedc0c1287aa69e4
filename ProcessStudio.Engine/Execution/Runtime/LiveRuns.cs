using System.Collections.Concurrent;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.Runtime;

/// <summary>The runs executing in this process, and callers waiting for a run to stop (a single step, for example).</summary>
public sealed class LiveRuns
{
    private readonly ConcurrentDictionary<Guid, ExecutionRun> _runs = new();
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<ExecutionRecord>> _stopWaiters = new();
    private readonly SemaphoreSlim[] _launchLocks = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>
    /// Serialises a worker bringing a run live with commands that change a run nobody drives (a direct pause or cancel):
    /// without it such a command could win in the store while the worker still holds the older record, and the worker
    /// would then drive a run that is already paused or cancelled. Striped by id, so unrelated runs rarely contend.
    /// </summary>
    public async Task<IDisposable> LockLaunchAsync(Guid executionId, CancellationToken cancellationToken)
    {
        var gate = _launchLocks[(executionId.GetHashCode() & int.MaxValue) % _launchLocks.Length];
        await gate.WaitAsync(cancellationToken);
        return new Releaser(gate);
    }

    /// <summary>
    /// Completes once a run of this execution that already committed its stop (paused, parked, finished) has left; at once
    /// when no run is live, or when the live run is still driving (the caller then finds it live and acts on that).
    /// </summary>
    public Task UntilStoppedRunLeftAsync(Guid executionId, CancellationToken cancellationToken) =>
        _runs.TryGetValue(executionId, out var run) && run.Record.Status != ExecutionStatus.Running
            ? run.Finished.WaitAsync(cancellationToken)
            : Task.CompletedTask;

    public bool TryAdd(ExecutionRun run) => _runs.TryAdd(run.ExecutionId, run);

    public bool TryGet(Guid executionId, out ExecutionRun run) => _runs.TryGetValue(executionId, out run!);

    public bool IsLive(Guid executionId) => _runs.ContainsKey(executionId);

    /// <summary>How many runs this process drives right now (waiting runs are not among them).</summary>
    public int Count => _runs.Count;

    /// <summary>Registers interest in the next stop of a run; call before queuing it so the stop cannot be missed.</summary>
    public Task<ExecutionRecord> NextStop(Guid executionId) =>
        _stopWaiters.GetOrAdd(executionId, _ => new TaskCompletionSource<ExecutionRecord>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Remove(ExecutionRun run, ExecutionRecord final)
    {
        _runs.TryRemove(run.ExecutionId, out _);
        if (_stopWaiters.TryRemove(run.ExecutionId, out var waiter)) waiter.TrySetResult(final);
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }
}
