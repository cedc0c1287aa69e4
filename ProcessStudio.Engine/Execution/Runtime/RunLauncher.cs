using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution.Lifecycle;
using ProcessStudio.Engine.Execution.Workers;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.Runtime;

/// <summary>Takes a queued run request on a worker: moves a pending run to running, loads its checkpoint and drives it until it stops.</summary>
public sealed class RunLauncher(
    IExecutionStore store, RunStateLoader loader, LiveRuns live, ExecutionCoordinator coordinator, RunDependencies deps, RunLeases leases,
    ILogger<RunLauncher> logger)
{
    public async Task RunAsync(RunRequest request, CancellationToken shutdown)
    {
        // Another instance sharing the database drives it (its lease is live): nothing to do here.
        await using var lease = await leases.AcquireAsync(request.ExecutionId, shutdown);
        if (lease is null) return;
        await DriveAsync(request, lease, shutdown);
    }

    private async Task DriveAsync(RunRequest request, RunLease lease, CancellationToken shutdown)
    {
        // Brought live through the execution's coordinator, so no command changes the run between the read and the launch.
        var run = await coordinator.SendAsync(request.ExecutionId, async token =>
        {
            if (live.TryGet(request.ExecutionId, out var previous))
            {
                if (previous.Record.Status == ExecutionStatus.Running) return null;   // a duplicate request: that run drives it
                await previous.Finished.WaitAsync(token);   // it committed its stop and is unwinding: let it go first
            }
            var prepared = await PrepareAsync(request, token);
            if (prepared is not null) live.TryAdd(prepared);   // cannot fail: only this coordinator's handlers register this id
            return prepared;
        }, shutdown);
        if (run is null) return;

        try
        {
            // A lease taken over stops the run like a shutdown: it writes nothing more, the new owner continues it.
            await run.RunAsync(lease.Token);
            if (lease.WasTakenOver && !shutdown.IsCancellationRequested)
                logger.LogWarning("Execution {ExecutionId} was taken over by another instance; this one stopped driving it", request.ExecutionId);
        }
        finally
        {
            live.Remove(run, run.Record);
            run.SignalFinished();
        }
    }

    /// <summary>Reads the run as the store has it now and builds it; null when there is nothing to drive.</summary>
    private async Task<ExecutionRun?> PrepareAsync(RunRequest request, CancellationToken shutdown)
    {
        var record = await store.GetAsync(request.ExecutionId, shutdown);
        if (record is null) return null;
        if (record.Status == ExecutionStatus.Pending)
        {
            record = await store.TryTransitionAsync(record.Id, record.Version, [ExecutionStatus.Pending],
                r => ExecutionTransitions.Apply(r, ExecutionStatus.Running, deps.Clock.GetUtcNow()), shutdown);
            if (record is null) return null;   // cancelled while it waited for a worker
        }
        if (record.Status != ExecutionStatus.Running) return null;   // paused, cancelled or finished while queued

        try
        {
            var (graph, state) = await loader.LoadAsync(record, shutdown);
            return new ExecutionRun(deps, record, graph, state, request.SingleStep);
        }
        catch (Exception ex) when (ex is CheckpointInvalidException or NotFoundException or WorkflowInvalidException)
        {
            logger.LogError(ex, "Execution {ExecutionId} cannot continue", record.Id);
            var failed = await store.TryTransitionAsync(record.Id, record.Version, [ExecutionStatus.Running], r =>
            {
                ExecutionTransitions.Apply(r, ExecutionStatus.Failed, deps.Clock.GetUtcNow());
                r.ErrorMessage = ex.Message;
            }, shutdown);
            // Observers (the monitor, the hub, the error workflow) learn of it like of any other failure.
            if (failed is not null) deps.Events.Publish(ExecutionStatusChanged.Of(failed, deps.Clock.GetUtcNow()));
            return null;
        }
    }
}
