using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution.Events;
using ProcessStudio.Engine.Execution.Workers;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.Runtime;

/// <summary>
/// Wakes runs that no worker holds: a waiting run lives only in the store, so a signal is written into its checkpoint
/// and a due timer moves it back to running, each as one optimistic-concurrency write, before it is queued for a worker.
/// </summary>
public sealed class WaitingRuns(IExecutionStore executions, ExecutionQueue queue, EngineEventStream events, TimeProvider clock, ILogger<WaitingRuns> logger)
{
    /// <summary>How many due runs one wake-up pass moves at most; the next pass takes the rest.</summary>
    private const int WakeBatch = 200;

    /// <summary>
    /// Delivers a signal to the waiting activation of <paramref name="nodeId"/> in a run that is not live here. Null when the
    /// run moved meanwhile (another signal, a worker picking it up): the caller looks again.
    /// </summary>
    public async Task<ExecutionRecord?> TryDeliverAsync(ExecutionRecord record, string nodeId, JsonNode? payload, CancellationToken cancellationToken)
    {
        var command = $"signal node '{nodeId}' of";
        if (record.Status is not (ExecutionStatus.Waiting or ExecutionStatus.Paused or ExecutionStatus.Running))
            throw new InvalidTransitionException(record.Id, record.Status, command);
        var checkpoint = await executions.GetCheckpointAsync(record.Id, cancellationToken);
        if (checkpoint is not { IsActive: true }) throw new InvalidTransitionException(record.Id, record.Status, command);
        var state = RunState.Deserialize(record.Id, checkpoint.StateJson);
        var waiting = state.Agenda.Find(a => a.IsWaiting && a.NodeId == nodeId)
            ?? throw new InvalidTransitionException(record.Id, record.Status, command);
        if (record.Status == ExecutionStatus.Running) return null;   // queued for a worker: it is live in a moment

        waiting.IsWaiting = false;
        waiting.Signal = payload?.DeepClone();
        var continues = record.Status == ExecutionStatus.Waiting;   // a paused run keeps the signal until it is resumed
        if (continues)
        {
            record.Status = ExecutionStatus.Running;
            record.WakeAt = null;
        }
        var step = state.Step++;
        var expected = record.Version;
        var now = clock.GetUtcNow();
        var log = new ExecutionLogRecord(0, record.Id, now, LogLevel.Information, $"Node '{nodeId}' received a signal and continues.", nodeId, step);
        try
        {
            await executions.CommitStepAsync(new StepCommit
            {
                Execution = record,
                ExpectedVersion = expected,
                Logs = [log],
                Checkpoint = new Checkpoint(record.Id, state.Step, state.Serialize(), true, now),
            }, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            return null;
        }
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
        {
            var running = await executions.TryTransitionAsync(due.Id, due.Version, [ExecutionStatus.Waiting], r =>
            {
                r.Status = ExecutionStatus.Running;
                r.WakeAt = null;
            }, cancellationToken);
            if (running is null) continue;   // signalled or cancelled meanwhile
            logger.LogInformation("Execution {ExecutionId} wakes: its wait time {WakeAt} has passed", due.Id, due.WakeAt);
            Continue(running, true);
            woken++;
        }
        return woken;
    }

    private void Continue(ExecutionRecord record, bool queueIt)
    {
        events.Publish(ExecutionStatusChanged.Of(record, clock.GetUtcNow()));
        if (queueIt) queue.Enqueue(new RunRequest(record.Id));
    }
}
