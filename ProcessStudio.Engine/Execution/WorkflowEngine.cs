using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution.Events;
using ProcessStudio.Engine.Execution.Lifecycle;
using ProcessStudio.Engine.Execution.Runtime;
using ProcessStudio.Engine.Execution.Workers;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Validation;

namespace ProcessStudio.Engine.Execution;

/// <summary>
/// The engine's commands: starts, retries, recovery and inspection here; the commands on a run's lifecycle (pause,
/// resume, step, cancel, signal) go through <see cref="RunCommands"/> and the run's coordinator.
/// </summary>
public sealed class WorkflowEngine(
    IWorkflowStore workflows,
    IExecutionStore executions,
    RunStateLoader loader,
    ExecutionQueue queue,
    LiveRuns live,
    EngineEventStream events,
    NodeTester tester,
    RunCommands commands,
    TimeProvider clock,
    RunOptions.LockQueue locks,
    Expressions.IExpressionEngine expressions,
    Microsoft.Extensions.Options.IOptions<EngineOptions> options,
    ILogger<WorkflowEngine> logger) : IWorkflowEngine
{
    public async Task<ExecutionRecord> StartAsync(StartExecutionRequest request, CancellationToken cancellationToken)
    {
        var version = request.Version ?? await workflows.GetLatestVersionNumberAsync(request.WorkflowId, cancellationToken)
            ?? throw new NotFoundException("Workflow", request.WorkflowId);
        var graph = await loader.GraphAsync(request.WorkflowId, version, cancellationToken);   // validated, once per version
        var record = NewRecord(request.WorkflowId, version, graph.Workflow, request.Mode, request.Input, graph.NodeCount);
        record.Id = request.ExecutionId ?? record.Id;
        record.Breakpoints = [.. request.Breakpoints];
        record.ParentExecutionId = request.ParentExecutionId;
        record.CorrelationId = RunOptions.RunStartOptions.Key(request.CorrelationId, "correlationId");
        record.LockKey = RunOptions.RunStartOptions.LockKey(request.LockKey, request.Input, expressions);
        SetTimeout(record, RunOptions.RunStartOptions.Timeout(request.TimeoutMs, graph.Workflow.Settings, options.Value));
        var state = InitialState.Create(graph, version, request.Input);
        return record.LockKey is null
            ? await CreateAndQueueAsync(record, state, cancellationToken)
            : await CreateLockedAsync(record, state, request.OnLocked, cancellationToken);
    }

    private void SetTimeout(ExecutionRecord record, long? timeoutMs)
    {
        record.TimeoutMs = timeoutMs;
        record.DeadlineAt = timeoutMs is { } ms ? record.CreatedAt.AddMilliseconds(ms) : null;
    }

    /// <summary>
    /// Creates a run with a lock key: active when the key is free, else queued or refused. The store's unique index
    /// decides, so this holds across instances. A queued run whose holder ended meanwhile is released at once.
    /// </summary>
    private async Task<ExecutionRecord> CreateLockedAsync(ExecutionRecord record, RunState state, OnLocked onLocked, CancellationToken cancellationToken)
    {
        try
        {
            return await CreateAndQueueAsync(record, state, cancellationToken);
        }
        catch (RunLockHeldException held) when (onLocked == OnLocked.Queue)
        {
            record.Status = ExecutionStatus.Queued;
            record.DeadlineAt = null;   // counted from its release
            await executions.CreateAsync(record, new Checkpoint(record.Id, state.Step, state.Serialize(), true, clock.GetUtcNow()), cancellationToken);
            logger.LogInformation("Execution {ExecutionId} is queued behind {HolderId} for lock key {LockKey}", record.Id, held.HolderId, record.LockKey);
            PublishStatus(record);
            return await locks.ReleaseNextAsync(record.LockKey!, cancellationToken) is { } released && released.Id == record.Id
                ? released
                : record;
        }
    }

    public Task<ExecutionRecord> PauseAsync(Guid executionId, CancellationToken cancellationToken) => commands.PauseAsync(executionId, cancellationToken);

    public Task<ExecutionRecord> ResumeAsync(Guid executionId, CancellationToken cancellationToken) => commands.ResumeAsync(executionId, cancellationToken);

    public Task<ExecutionRecord> ResumeAsync(Guid executionId, int? workflowVersion, CancellationToken cancellationToken) =>
        commands.ResumeAsync(executionId, workflowVersion, cancellationToken);

    public Task<ExecutionRecord> StepAsync(Guid executionId, CancellationToken cancellationToken) => commands.StepAsync(executionId, cancellationToken);

    public Task<ExecutionRecord> CancelAsync(Guid executionId, CancellationToken cancellationToken) => commands.CancelAsync(executionId, cancellationToken);

    public Task<ExecutionRecord> CompensateAsync(Guid executionId, CancellationToken cancellationToken) => commands.CompensateAsync(executionId, cancellationToken);

    public Task<ExecutionRecord> SignalAsync(Guid executionId, string nodeId, JsonNode? payload, CancellationToken cancellationToken) =>
        commands.SignalAsync(executionId, nodeId, payload, cancellationToken);

    public async Task<ExecutionRecord> RetryAsync(Guid executionId, RetryMode mode, string? fromNodeId, RetryVersion version, CancellationToken cancellationToken)
    {
        var original = await GetRequiredAsync(executionId, cancellationToken);
        if (!original.Status.IsFinished()) throw new InvalidTransitionException(executionId, original.Status, "retry");
        var workflowVersion = version == RetryVersion.Current
            ? await workflows.GetLatestVersionNumberAsync(original.WorkflowId, cancellationToken) ?? throw new NotFoundException("Workflow", original.WorkflowId)
            : original.WorkflowVersion;
        var graph = await loader.GraphAsync(original.WorkflowId, workflowVersion, cancellationToken);
        var state = mode switch
        {
            RetryMode.FromStart => InitialState.Create(graph, workflowVersion, original.Input),
            RetryMode.FromFailedNode => await StateBeforeFailureAsync(original, cancellationToken),
            _ => await StateBeforeNodeAsync(original, fromNodeId, cancellationToken),
        };
        RunStateLoader.Check(original, await loader.GraphAsync(original.WorkflowId, original.WorkflowVersion, cancellationToken), state);
        var record = NewRecord(original.WorkflowId, workflowVersion, graph.Workflow, ExecutionMode.Retry, original.Input, graph.NodeCount);
        state.WorkflowVersion = workflowVersion;   // the saved memory carries over to the chosen version
        RunStateLoader.Check(record, graph, state);
        PrepareForNewRun(state);

        record.RetryOf = original.Id;
        record.RetryCount = original.RetryCount + 1;
        record.CompletedNodes = state.CompletedNodeIds.Count;
        record.ParentExecutionId = original.ParentExecutionId;
        record.CorrelationId = original.CorrelationId;   // a retry belongs to the same business transaction
        SetTimeout(record, original.TimeoutMs);
        logger.LogInformation("Execution {ExecutionId} retries {RetryOf} ({Mode}) on version {WorkflowVersion}", record.Id, original.Id, mode, workflowVersion);
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
            activation.RecordId = RowIds.New();
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
        // Random, not time-ordered like node records: people tell runs apart by the first eight characters of the id.
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

    private async Task<ExecutionRecord> GetRequiredAsync(Guid executionId, CancellationToken cancellationToken) =>
        await executions.GetAsync(executionId, cancellationToken) ?? throw new NotFoundException("Execution", executionId);

    private void PublishStatus(ExecutionRecord record) => events.Publish(ExecutionStatusChanged.Of(record, clock.GetUtcNow()));
}
