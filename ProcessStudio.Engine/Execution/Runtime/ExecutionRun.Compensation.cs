using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution.Compensation;
using ProcessStudio.Engine.Execution.Lifecycle;
using ProcessStudio.Engine.Nodes;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.Runtime;

/// <summary>
/// The rollback (saga compensation): when the run fails or is cancelled (as the workflow's <c>compensation</c> setting
/// says) or is compensated on demand, the completed nodes that declare a compensating path are undone one at a time, last
/// completed first. Each compensating path runs on this same agenda loop (retries, timeouts, records, checkpoints), and
/// the cursor of the rollback is in the checkpoint, so a crash continues it at the completion it was undoing.
/// </summary>
public sealed partial class ExecutionRun
{
    private bool _compensating;
    private (int Cursor, JsonObject Scope)? _compensatingScope;

    /// <summary>The run is rolling back: pause and cancel are refused, breakpoints and single steps do not apply.</summary>
    public bool IsCompensating
    {
        get { lock (_gate) return _compensating; }
    }

    private bool ShouldCompensate(string reason) =>
        _state.Completions.Count > 0 && _graph.Workflow.Settings.Compensation switch
        {
            Model.CompensationTrigger.OnFailure => reason == CompensationReasons.Failure,
            Model.CompensationTrigger.OnFailureOrCancel => true,
            _ => false,
        };

    /// <summary>Records a completion of a node that declares a compensating path, with the input and output its path will see.</summary>
    private void RememberCompletion(Model.NodeDefinition node, Activation activation, JsonNode? output)
    {
        if (!node.Policy.Compensate || IsCompensating) return;
        var step = new CompletedStep { Seq = _state.Completions.Count, NodeId = node.Id, RecordId = activation.RecordId };
        _state.KeepValue(step.InputKey, activation.Input?.DeepClone());
        _state.KeepValue(step.OutputKey, output?.DeepClone());
        _state.Completions.Add(step);
    }

    /// <summary>
    /// The run failed or was cancelled into a rollback: what it routed is given up, the end of the main path commits (the
    /// run stays running, its error kept on the record), and the loop goes on with the first compensating path.
    /// </summary>
    private async Task BeginCompensationAsync(string reason, IReadOnlyList<NodeExecutionRecord> records, List<ExecutionLogRecord> logs)
    {
        _router.Abandon();
        _cancelledRecords.Clear();
        _state.Compensation = new CompensationState { Reason = reason, Cursor = _state.Completions.Count - 1 };
        logs.Add(RunLog(LogLevel.Warning, $"Rolling back: {_state.Completions.Count} completed node(s) are compensated in reverse order of completion."));
        await CommitStepAsync(records, logs, boundary: true);
        lock (_gate)
        {
            _compensating = true;
            _stop = Stop.None;
        }
        _cancel = new CancellationTokenSource();   // the main path's token is cancelled; the compensating paths need their own
    }

    /// <summary>Puts the compensating path of the completion at the cursor on the agenda. False when none is left: the run ended compensated.</summary>
    private async Task<bool> StartCompensationStepAsync()
    {
        var plan = _state.Compensation!;
        while (plan.Cursor >= 0 && !HasCompensatingPath(_state.Completions[plan.Cursor])) plan.Cursor--;
        if (plan.Cursor < 0)
        {
            await CommitCompensatedAsync();
            return false;
        }
        var step = _state.Completions[plan.Cursor];
        var node = _graph.Node(step.NodeId);
        plan.StepStarted = true;
        plan.StepRecordId = Guid.NewGuid();
        _router.EmitOnly(node.Id, RunState.RootScope, PortDescriptor.Compensate.Name, _state.Values.GetValueOrDefault(step.OutputKey)?.DeepClone());
        await CommitStepAsync([StepRecord(step, NodeExecutionStatus.Running, null)],
            [RunLog(LogLevel.Information, $"Compensating node '{node.Name}' (completion {step.Seq + 1} of {_state.Completions.Count}).", node.Id)], boundary: true);
        return true;
    }

    /// <summary>
    /// The rollback has nothing running: the compensating path at the cursor (if it was started) has undone its completion,
    /// and the next one starts. True when a path is on the agenda; false when the run ended compensated.
    /// </summary>
    private async Task<bool> NextCompensationStepAsync()
    {
        var plan = _state.Compensation!;
        if (!plan.StepStarted) return await StartCompensationStepAsync();
        var step = _state.Completions[plan.Cursor];
        plan.Cursor--;
        plan.StepStarted = false;
        await CommitStepAsync([StepRecord(step, NodeExecutionStatus.Succeeded, null), .. SkippedRecords()],
            [RunLog(LogLevel.Information, $"Node '{_graph.Node(step.NodeId).Name}' compensated.", step.NodeId)]);
        return await StartCompensationStepAsync();
    }

    private async Task CommitCompensatedAsync()
    {
        ExecutionTransitions.Apply(_record, ExecutionStatus.Compensated, _deps.Clock.GetUtcNow());
        await CommitStepAsync([], [RunLog(LogLevel.Warning, $"Execution compensated: {_state.Completions.Count} completed node(s) undone.")], active: false, logStatus: true);
    }

    /// <summary>
    /// A compensating path failed (after its retries): the rest of the rollback stops, so nothing is undone out of order,
    /// and the run ends compensationFailed with the cursor on this completion. Compensating it again retries this path from
    /// its start, then goes on with the earlier completions.
    /// </summary>
    private async Task FailCompensationAsync(string message, ActivationResult? failed)
    {
        lock (_gate) _stop = Stop.Failed;
        _cancel.Cancel();
        await AwaitRunningAsync();
        var plan = _state.Compensation!;
        var step = _state.Completions[plan.Cursor];
        var records = new List<NodeExecutionRecord>(_cancelledRecords);
        if (failed is not null) records.Add(NodeRecord(failed, NodeExecutionStatus.Failed, failed.Attempts.Count, null, null, failed.Error?.Message));
        records.Add(StepRecord(step, NodeExecutionStatus.Failed, message));
        _router.Abandon();
        plan.StepStarted = false;
        plan.Failed = true;
        ExecutionTransitions.Apply(_record, ExecutionStatus.CompensationFailed, _deps.Clock.GetUtcNow());
        var compensationError = $"Compensation of node '{_graph.Node(step.NodeId).Name}' failed: {message}";
        _record.ErrorMessage = _record.ErrorMessage is { Length: > 0 } original ? $"{original} {compensationError}" : compensationError;
        await CommitStepAsync([.. records, .. SkippedRecords()], [.. failed?.Logs ?? [], RunLog(LogLevel.Error, compensationError, step.NodeId)],
            active: false, logStatus: true);
    }

    private bool HasCompensatingPath(CompletedStep step) =>
        _graph.Contains(step.NodeId) && _graph.Outgoing(step.NodeId, PortDescriptor.Compensate.Name).Count > 0;

    /// <summary>The record that shows a completed node being undone: it carries the undone node's id, and the rollback's status.</summary>
    private NodeExecutionRecord StepRecord(CompletedStep step, NodeExecutionStatus status, string? error)
    {
        var node = _graph.Node(step.NodeId);
        var now = _deps.Clock.GetUtcNow();
        return new NodeExecutionRecord
        {
            Id = _state.Compensation!.StepRecordId, ExecutionId = _record.Id, NodeId = node.Id, NodeName = node.Name, NodeType = node.Type,
            Status = status, Attempts = 1, StartedAt = now, FinishedAt = status == NodeExecutionStatus.Running ? null : now,
            OutputPort = status == NodeExecutionStatus.Succeeded ? PortDescriptor.Compensate.Name : null, Error = error, Compensation = true,
        };
    }

    /// <summary><c>$compensating</c> on a compensating path: the undone completion's input and output, and a key for idempotent undo calls.</summary>
    private JsonObject CompensatingScope()
    {
        var plan = _state.Compensation!;
        if (_compensatingScope is { } cached && cached.Cursor == plan.Cursor) return cached.Scope;
        var step = _state.Completions[plan.Cursor];
        var node = _graph.Node(step.NodeId);
        var scope = new JsonObject
        {
            ["nodeId"] = node.Id,
            ["nodeName"] = node.Name,
            ["input"] = _state.Values.GetValueOrDefault(step.InputKey)?.DeepClone(),
            ["output"] = _state.Values.GetValueOrDefault(step.OutputKey)?.DeepClone(),
            ["reason"] = plan.Reason,
            ["error"] = _record.ErrorMessage,
            // The same on every attempt and after a crash: a service that deduplicates by it undoes the completion once.
            ["key"] = $"{_record.Id:N}-{node.Id}-{step.Seq}",
        };
        _compensatingScope = (plan.Cursor, scope);
        return scope;
    }
}
