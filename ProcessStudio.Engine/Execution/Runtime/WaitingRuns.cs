using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution.Events;
using ProcessStudio.Engine.Execution.Lifecycle;
using ProcessStudio.Engine.Execution.Workers;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.Runtime;

/// <summary>
/// Wakes runs that no worker holds: a signal is written into the run's checkpoint, and a due timer moves a waiting run
/// back to running, before it is queued for a worker. Both run as messages of the execution's coordinator.
/// </summary>
public sealed class WaitingRuns(
    IExecutionStore executions, RunStateLoader loader, ExecutionQueue queue, ExecutionCoordinator coordinator, EngineEventStream events, TimeProvider clock, ILogger<WaitingRuns> logger)
{
    /// <summary>How many due runs one wake-up pass moves at most; the next pass takes the rest.</summary>
    private const int WakeBatch = 200;

    /// <summary>
    /// Delivers a signal to the waiting activation of <paramref name="nodeId"/> in a run that is not live here: a waiting run
    /// continues, a paused one keeps the signal until it is resumed, and a running one (queued for a worker, or left by a
    /// crash) finds it when its checkpoint is loaded. Call from the execution's coordinator.
    /// </summary>
    public async Task<ExecutionRecord> DeliverAsync(ExecutionRecord record, string nodeId, JsonNode? payload, CancellationToken cancellationToken)
    {
        var command = $"signal node '{nodeId}' of";
        if (record.Status is not (ExecutionStatus.Waiting or ExecutionStatus.Paused or ExecutionStatus.Running))
            throw new InvalidTransitionException(record.Id, record.Status, command);
        var checkpoint = await executions.GetCheckpointAsync(record.Id, cancellationToken);
        if (checkpoint is not { IsActive: true }) throw new InvalidTransitionException(record.Id, record.Status, command);
        var state = RunState.Deserialize(record.Id, checkpoint.StateJson);
        var graph = await loader.GraphAsync(record.WorkflowId, record.WorkflowVersion, cancellationToken);
        _ = SignalTarget.Deliver(state, graph, nodeId, payload) ?? throw new InvalidTransitionException(record.Id, record.Status, command);
        var now = clock.GetUtcNow();
        var continues = record.Status == ExecutionStatus.Waiting;
        if (continues) ExecutionTransitions.Apply(record, ExecutionStatus.Running, now);
        var step = state.Step++;
        var expected = record.Version;
        var log = new ExecutionLogRecord(0, record.Id, now, LogLevel.Information, $"Node '{nodeId}' received a signal and continues.", nodeId, step);
        await CommitOrRefuseAsync(new StepCommit
        {
            Execution = record,
            ExpectedVersion = expected,
            Logs = [log],
            Checkpoint = new Checkpoint(record.Id, state.Step, state.Serialize(), true, now),
        }, command, cancellationToken);
        record.Version = expected + 1;
        logger.LogInformation("Execution {ExecutionId}: node {NodeId} received a signal", record.Id, nodeId);
        events.Publish(new LogWritten(log));
        Continue(record, continues);
        return record;
    }

    /// <summary>Moves waiting runs whose wake time has passed back to running and queues them. Returns how many it woke.</summary>
    public async Task<int> WakeDueAsync(CancellationToken cancellationToken)
    {
        var woken = 0;
        foreach (var due in await executions.ListWaitingDueAsync(clock.GetUtcNow(), WakeBatch, cancellationToken))
            if (await coordinator.SendAsync(due.Id, token => WakeAsync(due.Id, token), cancellationToken))
                woken++;
        return woken;
    }

    private async Task<bool> WakeAsync(Guid executionId, CancellationToken cancellationToken)
    {
        // Read again in the mailbox: a signal or a cancel handled before this message may have moved it.
        if (await executions.GetAsync(executionId, cancellationToken) is not { Status: ExecutionStatus.Waiting, WakeAt: { } wakeAt } due
            || wakeAt > clock.GetUtcNow())
            return false;
        var running = await executions.TryTransitionAsync(due.Id, due.Version, [ExecutionStatus.Waiting],
            r => ExecutionTransitions.Apply(r, ExecutionStatus.Running, clock.GetUtcNow()), cancellationToken);
        if (running is null) return false;   // changed by another process
        logger.LogInformation("Execution {ExecutionId} wakes: its wait time {WakeAt} has passed", due.Id, wakeAt);
        Continue(running, true);
        return true;
    }

    /// <summary>Within the coordinator only another process can have moved the run; that is the caller's 409.</summary>
    private async Task CommitOrRefuseAsync(StepCommit commit, string command, CancellationToken cancellationToken)
    {
        try
        {
            await executions.CommitStepAsync(commit, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            var current = await executions.GetAsync(commit.Execution.Id, cancellationToken);
            throw new InvalidTransitionException(commit.Execution.Id, current?.Status ?? commit.Execution.Status, command);
        }
    }

    private void Continue(ExecutionRecord record, bool queueIt)
    {
        events.Publish(ExecutionStatusChanged.Of(record, clock.GetUtcNow()));
        if (queueIt) queue.Enqueue(new RunRequest(record.Id));
    }
}
