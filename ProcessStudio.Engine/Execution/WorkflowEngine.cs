using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution.Events;
using ProcessStudio.Engine.Execution.Runtime;
using ProcessStudio.Engine.Execution.Workers;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Validation;

namespace ProcessStudio.Engine.Execution;

/// <summary>
/// The engine's commands. State changes go through the store's optimistic concurrency so that of two concurrent
/// commands exactly one wins; a run live in this process is asked to stop at its next node boundary instead.
/// </summary>
public sealed class WorkflowEngine(
    IWorkflowStore workflows,
    IExecutionStore executions,
    RunStateLoader loader,
    ExecutionQueue queue,
    LiveRuns live,
    EngineEventStream events,
    NodeTester tester,
    WaitingRuns waiting,
    TimeProvider clock,
    ILogger<WorkflowEngine> logger) : IWorkflowEngine
{
    private static readonly ExecutionStatus[] Cancellable = [ExecutionStatus.Pending, ExecutionStatus.Running, ExecutionStatus.Paused, ExecutionStatus.Waiting];

    public async Task<ExecutionRecord> StartAsync(StartExecutionRequest request, CancellationToken cancellationToken)
    {
        var version = request.Version ?? await workflows.GetLatestVersionNumberAsync(request.WorkflowId, cancellationToken)
            ?? throw new NotFoundException("Workflow", request.WorkflowId);
        var graph = await loader.GraphAsync(request.WorkflowId, version, cancellationToken);   // validated, once per version
        var record = NewRecord(request.WorkflowId, version, graph.Workflow, request.Mode, request.Input, graph.NodeCount);
        record.Id = request.ExecutionId ?? record.Id;
        record.Breakpoints = [.. request.Breakpoints];
        record.ParentExecutionId = request.ParentExecutionId;
        return await CreateAndQueueAsync(record, InitialState.Create(graph, version, request.Input), cancellationToken);
    }

    public async Task<ExecutionRecord> PauseAsync(Guid executionId, CancellationToken cancellationToken)
    {
        const string command = "pause";
        for (var attempt = 1; ; attempt++)
        {
            if (live.TryGet(executionId, out var run))
            {
                var requested = run.TryRequestPause();
                var stopped = await run.Finished.WaitAsync(cancellationToken);
                if (!requested || stopped.Status != ExecutionStatus.Paused) throw new InvalidTransitionException(executionId, stopped.Status, command);
                return await GetRequiredAsync(executionId, cancellationToken);
            }

            // Queued for a worker, or left running by a crash: nothing executes it here, so the status changes directly,
            // under the launch lock so that no worker brings it live from the record read before the pause.
            using (await live.LockLaunchAsync(executionId, cancellationToken))
            {
                if (live.IsLive(executionId)) continue;
                var record = await GetRequiredAsync(executionId, cancellationToken);
                if (record.Status != ExecutionStatus.Running) throw new InvalidTransitionException(executionId, record.Status, command);
                var paused = await executions.TryTransitionAsync(executionId, record.Version, [ExecutionStatus.Running], r =>
                {
                    r.Status = ExecutionStatus.Paused;
                    r.PausedAt = clock.GetUtcNow();
                }, cancellationToken);
                if (paused is not null)
                {
                    PublishStatus(paused);
                    return paused;
                }
            }
            await RetryAfterRaceAsync(executionId, command, attempt, cancellationToken);
        }
    }

    public Task<ExecutionRecord> ResumeAsync(Guid executionId, CancellationToken cancellationToken) =>
        ContinueAsync(executionId, singleStep: false, "resume", cancellationToken);

    public async Task<ExecutionRecord> StepAsync(Guid executionId, CancellationToken cancellationToken)
    {
        await live.UntilStoppedRunLeftAsync(executionId, cancellationToken);   // a previous run's last stop is not this step's
        var stopped = live.NextStop(executionId);
        await ContinueAsync(executionId, singleStep: true, "step", cancellationToken);
        await stopped.WaitAsync(cancellationToken);
        return await GetRequiredAsync(executionId, cancellationToken);
    }

    private async Task<ExecutionRecord> ContinueAsync(Guid executionId, bool singleStep, string command, CancellationToken cancellationToken)
    {
        var record = await GetRequiredAsync(executionId, cancellationToken);
        if (record.Status == ExecutionStatus.Paused && live.IsLive(executionId))
        {
            // The run committed its pause (a breakpoint, a step) and is unwinding; once it is gone the paused record is final.
            await live.UntilStoppedRunLeftAsync(executionId, cancellationToken);
            record = await GetRequiredAsync(executionId, cancellationToken);
        }
        if (record.Status != ExecutionStatus.Paused || live.IsLive(executionId))
            throw new InvalidTransitionException(executionId, record.Status, command);
        await loader.LoadAsync(record, cancellationToken);   // a state that cannot continue is refused before anything changes

        var resumed = await TransitionAsync(record, [ExecutionStatus.Paused], command, r =>
        {
            r.Status = ExecutionStatus.Running;
            r.PausedAt = null;
        }, cancellationToken);
        queue.Enqueue(new RunRequest(executionId, singleStep));
        return resumed;
    }

    public async Task<ExecutionRecord> CancelAsync(Guid executionId, CancellationToken cancellationToken)
    {
        const string command = "cancel";
        for (var attempt = 1; ; attempt++)
        {
            if (live.TryGet(executionId, out var run))
            {
                var requested = run.TryRequestCancel();
                var stopped = await run.Finished.WaitAsync(cancellationToken);
                if (!requested || stopped.Status != ExecutionStatus.Cancelled) throw new InvalidTransitionException(executionId, stopped.Status, command);
                return await GetRequiredAsync(executionId, cancellationToken);
            }

            using (await live.LockLaunchAsync(executionId, cancellationToken))   // see PauseAsync
            {
                if (live.IsLive(executionId)) continue;
                var record = await GetRequiredAsync(executionId, cancellationToken);
                if (!Cancellable.Contains(record.Status)) throw new InvalidTransitionException(executionId, record.Status, command);
                if (await TryCancelDirectlyAsync(record, cancellationToken) is { } cancelled) return cancelled;
            }
            await RetryAfterRaceAsync(executionId, command, attempt, cancellationToken);
        }
    }

    /// <summary>Cancels a run no worker here is driving, deactivating its checkpoint in the same commit. Null when the run moved meanwhile.</summary>
    private async Task<ExecutionRecord?> TryCancelDirectlyAsync(ExecutionRecord record, CancellationToken cancellationToken)
    {
        var checkpoint = await executions.GetCheckpointAsync(record.Id, cancellationToken);
        var expected = record.Version;
        record.Status = ExecutionStatus.Cancelled;
        record.StoppedAt = clock.GetUtcNow();
        record.WakeAt = null;   // a cancelled waiting run has nothing left to wake
        try
        {
            await executions.CommitStepAsync(new StepCommit
            {
                Execution = record,
                ExpectedVersion = expected,
                Checkpoint = checkpoint is null ? null : checkpoint with { IsActive = false, UpdatedAt = clock.GetUtcNow() },
                Logs = [new ExecutionLogRecord(0, record.Id, clock.GetUtcNow(), LogLevel.Warning, "Execution cancelled.")],
            }, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            return null;
        }
        var cancelled = await GetRequiredAsync(record.Id, cancellationToken);
        PublishStatus(cancelled);
        return cancelled;
    }

    /// <summary>
    /// A worker picked the run up (or committed a step) between our read and our write. Look again: the run is now live
    /// here, or changed status, or the next attempt wins. Gives up with a 409 when the run keeps moving.
    /// </summary>
    private async Task RetryAfterRaceAsync(Guid executionId, string command, int attempt, CancellationToken cancellationToken)
    {
        if (attempt >= 20)
        {
            var current = await GetRequiredAsync(executionId, cancellationToken);
            throw new InvalidTransitionException(executionId, current.Status, command);
        }
        await Task.Delay(5 * attempt, cancellationToken);
    }

    public async Task<ExecutionRecord> SignalAsync(Guid executionId, string nodeId, JsonNode? payload, CancellationToken cancellationToken)
    {
        var command = $"signal node '{nodeId}' of";
        for (var attempt = 1; ; attempt++)
        {
            if (live.TryGet(executionId, out var run))
            {
                var delivery = await run.SignalAsync(nodeId, payload).WaitAsync(cancellationToken);
                if (delivery == SignalDelivery.Delivered) return await GetRequiredAsync(executionId, cancellationToken);
                if (delivery == SignalDelivery.NotWaiting)
                    throw new InvalidTransitionException(executionId, (await GetRequiredAsync(executionId, cancellationToken)).Status, command);
                // RunEnded: the run parked or paused before it looked at the signal; it now lives in the store.
            }

            // Waiting (no worker holds it), paused, or queued for a worker: the signal goes into the checkpoint.
            var record = await GetRequiredAsync(executionId, cancellationToken);
            if (await waiting.TryDeliverAsync(record, nodeId, payload, cancellationToken) is { } delivered) return delivered;
            await RetryAfterRaceAsync(executionId, command, attempt, cancellationToken);
        }
    }

    public async Task<ExecutionRecord> RetryAsync(Guid executionId, RetryMode mode, string? fromNodeId, CancellationToken cancellationToken)
    {
        var original = await GetRequiredAsync(executionId, cancellationToken);
        if (!original.Status.IsFinished()) throw new InvalidTransitionException(executionId, original.Status, "retry");
        var graph = await loader.GraphAsync(original.WorkflowId, original.WorkflowVersion, cancellationToken);
        var state = mode switch
        {
            RetryMode.FromStart => InitialState.Create(graph, original.WorkflowVersion, original.Input),
            RetryMode.FromFailedNode => await StateBeforeFailureAsync(original, cancellationToken),
            _ => await StateBeforeNodeAsync(original, fromNodeId, cancellationToken),
        };
        RunStateLoader.Check(original, graph, state);
        PrepareForNewRun(state);

        var record = NewRecord(original.WorkflowId, original.WorkflowVersion, graph.Workflow, ExecutionMode.Retry, original.Input, graph.NodeCount);
        record.RetryOf = original.Id;
        record.RetryCount = original.RetryCount + 1;
        record.CompletedNodes = state.CompletedNodeIds.Count;
        record.ParentExecutionId = original.ParentExecutionId;
        logger.LogInformation("Execution {ExecutionId} retries {RetryOf} ({Mode})", record.Id, original.Id, mode);
        return await CreateAndQueueAsync(record, state, cancellationToken);
    }

    private async Task<RunState> StateBeforeFailureAsync(ExecutionRecord original, CancellationToken cancellationToken)
    {
        if (original.Status != ExecutionStatus.Failed) throw new InvalidTransitionException(original.Id, original.Status, "retry from the failed node of");
        var failed = (await executions.GetNodeExecutionsAsync(original.Id, cancellationToken))
            .Where(n => n.NodeId == original.ErrorNodeId && n.Status == NodeExecutionStatus.Failed).MaxBy(n => n.Step);
        // Without a failed node record (the activation limit stopped the run) the last checkpoint holds the stopped node.
        var checkpoint = failed is null
            ? await executions.GetCheckpointAsync(original.Id, cancellationToken)
            : await executions.GetCheckpointAtStepAsync(original.Id, failed.Step, cancellationToken);
        return checkpoint is null
            ? throw new CheckpointInvalidException(original.Id, "no checkpoint from before the failure was kept")
            : RunState.Deserialize(original.Id, checkpoint.StateJson);
    }

    private async Task<RunState> StateBeforeNodeAsync(ExecutionRecord original, string? nodeId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(nodeId)) throw new ArgumentException("Retrying from a node needs the node id.", "fromNodeId");
        var ran = (await executions.GetNodeExecutionsAsync(original.Id, cancellationToken))
            .Where(n => n.NodeId == nodeId && n.Status != NodeExecutionStatus.Skipped).MinBy(n => n.Step)
            ?? throw new ArgumentException($"Node '{nodeId}' did not run in execution {original.Id}.", "fromNodeId");
        var checkpoint = await executions.GetCheckpointAtStepAsync(original.Id, ran.Step, cancellationToken)
            ?? throw new CheckpointInvalidException(original.Id, $"no checkpoint from before node '{nodeId}' ran was kept");
        return RunState.Deserialize(original.Id, checkpoint.StateJson);
    }

    /// <summary>A retried state starts fresh records: pending activations get new record ids and run without breakpoints.</summary>
    private static void PrepareForNewRun(RunState state)
    {
        state.ReleasedBreakpoint = null;
        state.ActivationCount = 0;
        state.RootActivationCount = 0;
        foreach (var scope in state.Scopes.Values) scope.ActivationCount = 0;
        foreach (var activation in state.Agenda.Concat(state.Parked.Values))
        {
            activation.RecordId = Guid.NewGuid();
            activation.FirstStartedAt = null;
            activation.InputRecorded = false;
        }
    }

    public Task<NodeTestResult> TestNodeAsync(WorkflowDefinition workflow, string nodeId, JsonNode? input, CancellationToken cancellationToken) =>
        tester.TestAsync(workflow, nodeId, input, cancellationToken);

    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        var orphans = await executions.ListByStatusAsync([ExecutionStatus.Running, ExecutionStatus.Pending], cancellationToken);
        var recovered = 0;
        foreach (var run in orphans.Where(r => !live.IsLive(r.Id)).OrderBy(r => r.CreatedAt))
        {
            queue.Enqueue(new RunRequest(run.Id));
            recovered++;
        }
        if (recovered > 0) logger.LogInformation("Recovering {Count} executions from their last checkpoint", recovered);
        return recovered;
    }

    public async Task<JsonObject?> GetMemoryAsync(Guid executionId, CancellationToken cancellationToken)
    {
        await GetRequiredAsync(executionId, cancellationToken);
        var checkpoint = await executions.GetCheckpointAsync(executionId, cancellationToken);
        if (checkpoint is null) return null;
        var state = RunState.Deserialize(executionId, checkpoint.StateJson);
        return new JsonObject
        {
            ["step"] = checkpoint.Step,
            ["input"] = state.TriggerInput?.DeepClone(),
            ["variables"] = state.Variables.DeepClone(),
            ["nodes"] = state.NodeOutputs.DeepClone(),
            ["pending"] = new JsonArray([.. state.Agenda.Select(a => (JsonNode)new JsonObject
            {
                ["nodeId"] = a.NodeId, ["scope"] = a.ScopeId, ["waiting"] = a.IsWaiting, ["wakeAt"] = a.WakeAt,
            })]),
        };
    }

    private ExecutionRecord NewRecord(Guid workflowId, int version, WorkflowDefinition definition, ExecutionMode mode, JsonNode? input, int totalNodes) => new()
    {
        Id = Guid.NewGuid(),
        WorkflowId = workflowId,
        WorkflowVersion = version,
        WorkflowName = definition.Name,
        Status = ExecutionStatus.Pending,
        Mode = mode,
        Input = input?.DeepClone(),
        CreatedAt = clock.GetUtcNow(),
        TotalNodes = totalNodes,
    };

    private async Task<ExecutionRecord> CreateAndQueueAsync(ExecutionRecord record, RunState state, CancellationToken cancellationToken)
    {
        await executions.CreateAsync(record, new Checkpoint(record.Id, state.Step, state.Serialize(), true, clock.GetUtcNow()), cancellationToken);
        PublishStatus(record);
        queue.Enqueue(new RunRequest(record.Id));
        return record;
    }

    private async Task<ExecutionRecord> TransitionAsync(ExecutionRecord record, ExecutionStatus[] from, string command, Action<ExecutionRecord> apply,
        CancellationToken cancellationToken)
    {
        var updated = await executions.TryTransitionAsync(record.Id, record.Version, from, apply, cancellationToken);
        if (updated is null)
        {
            var current = await GetRequiredAsync(record.Id, cancellationToken);
            throw new InvalidTransitionException(record.Id, current.Status, command);   // another command won
        }
        PublishStatus(updated);
        return updated;
    }

    private async Task<ExecutionRecord> GetRequiredAsync(Guid executionId, CancellationToken cancellationToken) =>
        await executions.GetAsync(executionId, cancellationToken) ?? throw new NotFoundException("Execution", executionId);

    private void PublishStatus(ExecutionRecord record) => events.Publish(ExecutionStatusChanged.Of(record, clock.GetUtcNow()));
}
