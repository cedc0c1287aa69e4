using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution.Workers;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.Runtime;

/// <summary>Takes a queued run request on a worker: moves a pending run to running, loads its checkpoint and drives it until it stops.</summary>
public sealed class RunLauncher(IExecutionStore store, RunStateLoader loader, LiveRuns live, RunDependencies deps, ILogger<RunLauncher> logger)
{
    public async Task RunAsync(RunRequest request, CancellationToken shutdown)
    {
        var record = await store.GetAsync(request.ExecutionId, shutdown);
        if (record is null) return;
        if (record.Status == ExecutionStatus.Pending)
        {
            record = await store.TryTransitionAsync(record.Id, record.Version, [ExecutionStatus.Pending], r =>
            {
                r.Status = ExecutionStatus.Running;
                r.StartedAt = deps.Clock.GetUtcNow();
            }, shutdown);
            if (record is null) return;   // cancelled while it waited for a worker
        }
        if (record.Status != ExecutionStatus.Running) return;   // paused or cancelled while queued

        WorkflowGraph graph;
        RunState state;
        try
        {
            (graph, state) = await loader.LoadAsync(record, shutdown);
        }
        catch (Exception ex) when (ex is CheckpointInvalidException or NotFoundException)
        {
            logger.LogError(ex, "Execution {ExecutionId} cannot continue", record.Id);
            await store.TryTransitionAsync(record.Id, record.Version, [ExecutionStatus.Running], r =>
            {
                r.Status = ExecutionStatus.Failed;
                r.StoppedAt = deps.Clock.GetUtcNow();
                r.ErrorMessage = ex.Message;
            }, shutdown);
            return;
        }

        var run = new ExecutionRun(deps, record, graph, state, request.SingleStep);
        if (!live.TryAdd(run)) return;   // already driven by another worker (a duplicate request)
        try
        {
            await run.RunAsync(shutdown);
        }
        finally
        {
            live.Remove(run, run.Record);
            run.SignalFinished();
        }
    }
}
