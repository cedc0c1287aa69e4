using System.Collections.Concurrent;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.Runtime;

/// <summary>The runs executing in this process, and callers waiting for a run to stop (a single step, for example).</summary>
public sealed class LiveRuns
{
    private readonly ConcurrentDictionary<Guid, ExecutionRun> _runs = new();
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<ExecutionRecord>> _stopWaiters = new();

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
}
