using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution.Events;
using ProcessStudio.Engine.Execution.Lifecycle;
using ProcessStudio.Engine.Execution.Workers;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.RunOptions;

/// <summary>
/// Releases queued runs (onLocked: queue) once their lock key is free: the oldest queued run of the key moves to pending
/// and is queued for a worker. The store's unique index decides who holds a key, so two instances releasing at once
/// release one run; the loser's conditional write simply matches nothing.
/// </summary>
public sealed class LockQueue(IExecutionStore executions, ExecutionQueue queue, EngineEventStream events, TimeProvider clock, ILogger<LockQueue> logger)
{
    private const int SweepBatch = 100;

    /// <summary>Releases the next queued run of <paramref name="lockKey"/> if the key is free; returns it, or null.</summary>
    public async Task<ExecutionRecord?> ReleaseNextAsync(string lockKey, CancellationToken cancellationToken)
    {
        var next = (await executions.QueryAsync(new ExecutionQuery
        {
            LockKey = lockKey,
            Statuses = [ExecutionStatus.Queued],
            Descending = false,
            Limit = 1,
        }, cancellationToken)).Items.FirstOrDefault();
        if (next is null) return null;

        var now = clock.GetUtcNow();
        var released = await executions.TryTransitionAsync(next.Id, next.Version, [ExecutionStatus.Queued],
            r => ExecutionTransitions.Apply(r, ExecutionStatus.Pending, now), cancellationToken);
        if (released is null) return null;   // the key is held again, or another instance released this run
        logger.LogInformation("Execution {ExecutionId} holds lock key {LockKey} now and starts", released.Id, lockKey);
        events.Publish(ExecutionStatusChanged.Of(released, now));
        queue.Enqueue(new RunRequest(released.Id));
        return released;
    }

    /// <summary>Releases the queues whose holder ended without releasing them (a crash before its outbox row ran, a race).</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        foreach (var key in await executions.ListStalledLockKeysAsync(SweepBatch, cancellationToken))
            await ReleaseNextAsync(key, cancellationToken);
    }
}
