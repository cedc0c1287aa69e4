using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution.Compensation;
using ProcessStudio.Engine.Execution.Lifecycle;
using ProcessStudio.Engine.Execution.Telemetry;
using ProcessStudio.Engine.Expressions;
using ProcessStudio.Engine.Nodes;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.Runtime;

/// <summary>
/// One run executing in this process: the agenda loop. It launches ready activations (up to the workflow's concurrency),
/// applies each finished activation's outcome to the run state on this loop only, and commits one step per activation:
/// node record, logs, counters and checkpoint together. It is the only place that checkpoints.
/// Pause, cancel, breakpoints and single steps stop it at node boundaries.
/// </summary>
public sealed partial class ExecutionRun
{
    private enum Stop { None, Pause, Breakpoint, StepDone, Cancel, Failed }

    private readonly RunDependencies _deps;
    private readonly ExecutionRecord _record;
    private readonly WorkflowGraph _graph;
    private readonly RunState _state;
    private readonly AgendaRouter _router;
    private readonly bool _singleStep;
    // Not disposed: a late pause or cancel command may still signal these harmlessly after the run ended. A rollback
    // replaces the cancelled token with a fresh one for its compensating paths.
    private CancellationTokenSource _cancel = new();
    private readonly CancellationTokenSource _pause = new();
    private readonly Dictionary<Task<ActivationResult>, Activation> _running = [];
    private readonly HashSet<long> _runningIds = [];
    /// <summary>Running activations whose expression scope holds the current <c>$node</c> / <c>$vars</c> objects (copy on write).</summary>
    private readonly HashSet<long> _holdingOutputs = [];
    private readonly HashSet<long> _holdingVariables = [];
    // Each running activation can be cancelled on its own (a race lost, a Cancel node, End); linked to the run's token.
    private readonly Dictionary<long, CancellationTokenSource> _activationCancels = [];
    private readonly HashSet<long> _branchCancelled = [];
    private readonly List<NodeExecutionRecord> _cancelledRecords = [];
    /// <summary>Activations cancelled in the current step whose node types are told once it committed.</summary>
    private readonly List<CancelledActivation> _cancelledWork = [];
    private readonly TaskCompletionSource<ExecutionRecord> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly JsonObject _executionInfo;
    private readonly object _gate = new();
    private readonly RunWakeups _wakeups;
    private readonly CheckpointWriter _checkpoints = new();
    private readonly MemoryLimits _limits;
    /// <summary>Steps not committed yet, in <see cref="Model.Durability.AtBoundaries"/> mode only.</summary>
    private readonly StepBuffer? _buffer;
    private Stop _stop = Stop.None;
    private CancelReason? _cancelReason;
    private int _launched;

    public ExecutionRun(RunDependencies deps, ExecutionRecord record, WorkflowGraph graph, RunState state, bool singleStep)
    {
        _deps = deps;
        _record = record;
        _graph = graph;
        _state = state;
        _singleStep = singleStep;
        _router = new AgendaRouter(graph, state);
        _compensating = state.Compensation is not null;   // recovered mid-rollback, or compensated on demand
        _wakeups = new RunWakeups(deps.Clock);
        _limits = new MemoryLimits(deps.Options, graph);
        var settings = graph.Workflow.Settings;
        if (settings.Durability == Model.Durability.AtBoundaries && !singleStep)
            _buffer = new StepBuffer(deps.Clock, TimeSpan.FromMilliseconds(settings.CheckpointIntervalMs ?? Model.WorkflowSettings.DefaultCheckpointIntervalMs), state.Step);
        _executionInfo = new JsonObject
        {
            ["id"] = record.Id.ToString(),
            ["workflowId"] = record.WorkflowId.ToString(),
            ["workflowName"] = record.WorkflowName,
            ["workflowVersion"] = record.WorkflowVersion,
            ["mode"] = record.Mode.ToString().ToLowerInvariant(),
            ["startedAt"] = record.StartedAt,
            ["correlationId"] = record.CorrelationId,
        };
    }

    public Guid ExecutionId => _record.Id;

    /// <summary>The run's record as this process last committed it.</summary>
    public ExecutionRecord Record => _record;

    /// <summary>Completes with the record as this run left it (paused, finished, or still running when the host shut down), once it is no longer live.</summary>
    public Task<ExecutionRecord> Finished => _finished.Task;

    /// <summary>Asks the run to stop at the next node boundary. False when a pause or cancel is already under way.</summary>
    public bool TryRequestPause()
    {
        lock (_gate)
        {
            if (_stop != Stop.None || _compensating) return false;   // a rollback runs to its end
            _stop = Stop.Pause;
        }
        _pause.Cancel();   // interrupts waits such as Delay, which suspend with the time left
        return true;
    }

    /// <summary>
    /// Cancels running nodes through their tokens; <paramref name="reason"/> (e.g. a timeout) is recorded on the run.
    /// False when the run is already cancelling or failing.
    /// </summary>
    public bool TryRequestCancel(CancelReason? reason = null)
    {
        lock (_gate)
        {
            if (_stop is Stop.Cancel or Stop.Failed || _compensating) return false;
            _stop = Stop.Cancel;
            _cancelReason = reason;
        }
        _cancel.Cancel();
        return true;
    }

    public async Task RunAsync(CancellationToken shutdown)
    {
        using var logScope = _deps.Logger.BeginScope(new Dictionary<string, object?> { ["ExecutionId"] = _record.Id, ["CorrelationId"] = _record.CorrelationId });
        using var span = EngineTracing.StartRun(_record);
        await using var onShutdown = shutdown.Register(() => _cancel.Cancel());
        try
        {
            PublishStatus();
            await LoopAsync(shutdown);
        }
        catch (ConcurrencyConflictException)
        {
            _deps.Logger.LogWarning("Execution {ExecutionId} was changed by another command; this worker stops driving it", _record.Id);
            _cancel.Cancel();
            await AwaitRunningAsync();
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            _deps.Logger.LogInformation("Host stopping: execution {ExecutionId} stays running and continues from its last checkpoint on recovery", _record.Id);
            await AwaitRunningAsync();
        }
        catch (Exception ex)
        {
            _deps.Logger.LogError(ex, "Execution {ExecutionId} failed inside the engine", _record.Id);
            await AwaitRunningAsync();
            await TryFailAsync($"Engine error: {ex.Message}", null);
        }
        finally
        {
            span?.SetTag("execution.status", _record.Status.ApiName());
            if (_record.Status.IsFailure()) EngineTracing.Failed(span, _record.ErrorMessage ?? "failed");
        }
    }

    /// <summary>
    /// Completes <see cref="Finished"/>. Called by the launcher after it has unregistered the run, so a caller woken by
    /// it (a pause) can immediately issue the next command (a resume) without finding the run still live.
    /// </summary>
    public void SignalFinished()
    {
        _wakeups.Close();
        _finished.TrySetResult(_record);
    }

    /// <summary>Hands a payload to the waiting activation of a node; answered by the run loop (see <see cref="ApplyWakeupsAsync"/>).</summary>
    public Task<SignalDelivery> SignalAsync(string nodeId, JsonNode? payload) => _wakeups.Send(new PendingSignal(nodeId, payload));

    /// <summary>The agenda loop, then (when the run failed or was cancelled into a rollback) the agenda of each compensating path.</summary>
    private async Task LoopAsync(CancellationToken shutdown)
    {
        do await AgendaLoopAsync(shutdown);
        while (IsCompensating && _record.Status == ExecutionStatus.Running);
    }

    private async Task AgendaLoopAsync(CancellationToken shutdown)
    {
        while (true)
        {
            await ApplyWakeupsAsync();
            if (CurrentStop == Stop.None && !await LaunchReadyAsync()) return;
            if (_running.Count == 0)
            {
                shutdown.ThrowIfCancellationRequested();
                switch (CurrentStop)
                {
                    case Stop.Pause or Stop.Breakpoint or Stop.StepDone:
                        await CommitPauseAsync();
                        return;
                    case Stop.Cancel:
                        await CommitCancelAsync();
                        return;
                    case Stop.Failed:
                        return;
                }
                if (_state.Agenda.Count > 0 && _state.Agenda.TrueForAll(a => a.IsWaiting))
                {
                    await CommitWaitingAsync();
                    return;
                }
                if (_state.Agenda.Count > 0) throw new InvalidOperationException("Pending activations could not be launched.");
                if (_router.ResolveQuiescence(RunState.RootScope)) continue;
                if (_router.Stuck is { } stuck)
                {
                    await FailRunAsync(stuck.Message, stuck.NodeId, null);
                    return;
                }
                if (IsCompensating)
                {
                    if (await NextCompensationStepAsync()) continue;
                    return;
                }
                await CommitCompletedAsync();
                return;
            }

            // Besides a finished node, a signal or a waiting node's due time wakes the loop.
            // A node that finished inline (most do) is taken at once, without building a WhenAny over everything running.
            var done = FirstFinished() ?? await Task.WhenAny([.. _running.Keys, _wakeups.Next(_state.Agenda)]) as Task<ActivationResult>;
            if (done is null || !_running.Remove(done)) continue;
            var result = await done;
            ActivationReturned(result.Activation);
            shutdown.ThrowIfCancellationRequested();
            await ApplyAsync(result);
        }
    }

    private Task<ActivationResult>? FirstFinished()
    {
        foreach (var running in _running.Keys)
            if (running.IsCompleted) return running;
        return null;
    }

    private Stop CurrentStop
    {
        get { lock (_gate) return _stop; }
    }

    private bool TrySetStop(Stop stop)
    {
        lock (_gate)
        {
            if (_stop != Stop.None) return false;
            _stop = stop;
            return true;
        }
    }

    /// <summary>Starts ready activations. Returns false when the run ended here (activation limit).</summary>
    private async Task<bool> LaunchReadyAsync()
    {
        var maxConcurrency = _singleStep && !IsCompensating ? 1 : Math.Max(1, _graph.Workflow.Settings.MaxConcurrency);
        var maxActivations = _graph.Workflow.Settings.MaxActivations ?? _deps.Options.DefaultMaxActivations;
        // By index, without a copy: launching never changes the agenda, and the one call that may (FailRunAsync) returns.
        for (var i = 0; i < _state.Agenda.Count; i++)
        {
            var activation = _state.Agenda[i];
            if (_running.Count >= maxConcurrency || CurrentStop != Stop.None) break;
            if (_runningIds.Contains(activation.Id) || activation.IsWaiting) continue;
            if (_singleStep && !IsCompensating && _launched >= 1)
            {
                TrySetStop(Stop.StepDone);
                break;
            }
            if (IsBreakpoint(activation))
            {
                if (TrySetStop(Stop.Breakpoint)) _state.ReleasedBreakpoint = activation.Id;   // continuing runs it without stopping again
                break;
            }
            if (activation.FirstStartedAt is null && ActivationsIn(activation.ScopeId) >= maxActivations)
            {
                await FailRunAsync(ActivationLimitMessage(activation, maxActivations), activation.NodeId, null);
                return false;
            }
            Launch(activation);
        }
        return true;
    }

    /// <summary>
    /// Activations started so far in a scope. The limit guards against cycles that never end, so each loop iteration
    /// counts its own: a For Each over 100,000 items is bounded by its items, not stopped by the limit.
    /// </summary>
    private int ActivationsIn(string scopeId) =>
        _state.Scopes.TryGetValue(scopeId, out var scope) ? scope.ActivationCount : _state.RootActivationCount;

    private string ActivationLimitMessage(Activation activation, int maxActivations)
    {
        var where = _state.Scopes.TryGetValue(activation.ScopeId, out var scope) && (_state.Parked.GetValueOrDefault(scope.OwnerActivationId) ?? _state.Agenda.Find(a => a.Id == scope.OwnerActivationId)) is { } owner
            ? $" in iteration {scope.Index} of '{_graph.Node(owner.NodeId).Name}'" : "";
        return $"The run reached its limit of {maxActivations} node activations (maxActivations){where} at node '{_graph.Node(activation.NodeId).Name}'. " +
            "A loop probably never ends; check its condition or raise the limit in the workflow settings.";
    }

    private bool IsBreakpoint(Activation activation) =>
        _record.Breakpoints.Contains(activation.NodeId) && activation.FirstStartedAt is null && _state.ReleasedBreakpoint != activation.Id && !IsCompensating;

    private void Launch(Activation activation)
    {
        if (activation.FirstStartedAt is null)
        {
            // An activation that runs again (after a suspension, a wait or its loop bodies) is counted once.
            _state.ActivationCount++;
            if (_state.Scopes.TryGetValue(activation.ScopeId, out var scope)) scope.ActivationCount++;
            else _state.RootActivationCount++;
        }
        _launched++;
        var node = _graph.Node(activation.NodeId);
        activation.FirstStartedAt ??= _deps.Clock.GetUtcNow();
        var values = _state.Values;   // an immutable snapshot: the node may read it off the loop thread
        var request = new InvocationRequest(_record.Id, _graph.Workflow, node, _graph.TypeOf(node.Id), activation, BuildScope(activation, node), _pause.Token,
            KeptValues: activation.KeepsValues ? name => values.GetValueOrDefault(RunState.ValueKey(activation, name)) : null,   // none kept: no closure
            Pinned: _record.Mode == ExecutionMode.Test ? PinnedOutput.Of(node, _graph.OutputPorts(node.Id)) : null);
        _deps.Events.Publish(new NodeStatusChanged(_record.Id, _deps.Clock.GetUtcNow(), node.Id, activation.RecordId, NodeExecutionStatus.Running,
            1, 1, null, null, null, node.Type));
        // Invoked inline: a node runs synchronously up to its first await, so cheap nodes cost no thread hop, while
        // nodes that wait (HTTP, Delay) still overlap with the other branches from that await on.
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(_cancel.Token);
        _activationCancels[activation.Id] = cancel;
        _running[_deps.Invoker.InvokeAsync(request, cancel.Token)] = activation;
        _runningIds.Add(activation.Id);
    }

    private void ActivationReturned(Activation activation)
    {
        _runningIds.Remove(activation.Id);
        _holdingOutputs.Remove(activation.Id);
        _holdingVariables.Remove(activation.Id);
        if (_activationCancels.Remove(activation.Id, out var cancel)) cancel.Dispose();
    }

    /// <summary>
    /// The names an expression of this activation sees. Memory objects are shared read-only: the loop copies one before
    /// changing it only while a running activation holds it (<see cref="RememberOutput"/>).
    /// </summary>
    private ExpressionScope BuildScope(Activation activation, Model.NodeDefinition node)
    {
        _holdingVariables.Add(activation.Id);
        if (_graph.ReadsNodeOutputs(node.Id)) _holdingOutputs.Add(activation.Id);
        var scope = new ExpressionScope()
            .Set("$input", _state.TriggerInput)
            .Set("$vars", _state.Variables)
            .Set("$node", _state.NodeOutputs)
            .Set("$json", activation.Input)
            .Set("$execution", _executionInfo);
        if (_state.Scopes.TryGetValue(activation.ScopeId, out var loopScope))
            scope.Set("$item", loopScope.Item).Set("$index", loopScope.Index);
        if (IsCompensating) scope.Set("$compensating", CompensatingScope());
        return scope;
    }

    private async Task ApplyAsync(ActivationResult result)
    {
        var activation = result.Activation;
        var node = _graph.Node(activation.NodeId);
        activation.Signal = null;   // delivered to this activation; a further wait needs a new signal
        if (_branchCancelled.Remove(activation.Id) && CurrentStop is not (Stop.Cancel or Stop.Failed))
        {
            await CommitBranchCancelledAsync(result);
            return;
        }
        if (result.Cancelled || CurrentStop is Stop.Cancel or Stop.Failed)
        {
            _cancelledRecords.Add(NodeRecord(result, NodeExecutionStatus.Cancelled, 0, null, null, "Cancelled"));
            return;
        }

        var outcome = result.Outcome;
        if (result.Error is null && outcome is { Kind: OutcomeKind.Completed } && _limits.Admit(_state, node, outcome.Output) is { } tooLarge)
            result = result with { Error = tooLarge };   // a node failure like any other: continue-on-error applies
        var status = NodeExecutionStatus.Succeeded;
        if (result.Error is { } error)
        {
            if (!node.Policy.ContinueOnError)
            {
                if (_graph.Workflow.Settings.OnFailure == Model.FailureAction.Pause && !IsCompensating)
                    await PauseAtFailureAsync(node, result, $"Node '{node.Name}' failed: {error.Message}");
                else
                    await FailRunAsync($"Node '{node.Name}' failed: {error.Message}", node.Id, result);
                return;
            }
            outcome = NodeOutcome.Next(ErrorOutput(node, error, result.Attempts.Count), PortDescriptor.Error.Name);
            status = NodeExecutionStatus.Failed;
            _state.FailedNodeIds.Add(node.Id);
        }

        activation.QueuedSignals.RemoveRange(0, result.ConsumedSignals);   // applied with this outcome; a failure keeps them for the retry
        // Chosen before routing, so the work this step starts is never its own victim.
        var victims = outcome!.Kind == OutcomeKind.Completed && outcome.Cancels is { } cancels ? CancelVictims(node, cancels)
            : outcome.Kind == OutcomeKind.Completed && outcome.EndsRun ? [.. _state.Agenda.Concat(_state.Parked.Values).Where(a => a != activation)]
            : null;
        var endsIterations = outcome.Kind == OutcomeKind.Completed && !outcome.LetsBodiesFinish && _state.Scopes.Values.Any(s => s.OwnerActivationId == activation.Id);
        var record = outcome.Kind switch
        {
            OutcomeKind.Completed => ApplyCompleted(result, outcome, status),
            OutcomeKind.Suspended => ApplySuspended(result, outcome),
            OutcomeKind.Waiting => ApplyWaiting(result, outcome),
            _ => ApplyBody(result, outcome),
        };
        KeepValues(activation, outcome);
        var records = new List<NodeExecutionRecord> { record };
        var logs = new List<ExecutionLogRecord>(result.Logs);
        if (outcome.Kind == OutcomeKind.Completed && activation.QueuedSignals.Count > 0)
            logs.Add(RunLog(LogLevel.Warning, $"{activation.QueuedSignals.Count} signal(s) reached '{node.Name}' as it finished and were not used.", node.Id));
        if (endsIterations) records.AddRange(await CancelIterationsAsync(activation));
        if (outcome.EndsRun) records.AddRange(await EndRunAsync(node, victims!, logs));
        else
        {
            if (outcome.Cancels is { } target && victims is not null) records.AddRange(await CancelTargetAsync(node, target, victims, logs));
            await SettleAsync(records, logs);
        }
        // A node that suspends or waits leaves the run idle: a checkpoint there costs nothing a user would notice.
        records.AddRange(SkippedRecords());
        await CommitStepAsync(records, logs, boundary: outcome.Kind is OutcomeKind.Suspended or OutcomeKind.Waiting);
        await StopCancelledWorkAsync();
        if (_router.Stuck is { } stuck) await FailRunAsync(stuck.Message, stuck.NodeId, null);
    }

    private NodeExecutionRecord ApplyCompleted(ActivationResult result, NodeOutcome outcome, NodeExecutionStatus status)
    {
        var activation = result.Activation;
        var node = _graph.Node(activation.NodeId);
        _state.Agenda.Remove(activation);
        if (_state.ReleasedBreakpoint == activation.Id) _state.ReleasedBreakpoint = null;
        RememberOutput(node, activation.ScopeId, outcome);
        if (status == NodeExecutionStatus.Succeeded) _state.MarkCompleted(node.Id);
        if (status == NodeExecutionStatus.Succeeded) RememberCompletion(node, activation, outcome.Output);
        _router.Emit(node.Id, activation.ScopeId, outcome.Ports, outcome.Output);
        return NodeRecord(result, status, result.Attempts.Count, outcome.Output, string.Join(",", outcome.Ports),
            result.Error?.Message, finished: true);
    }

    private NodeExecutionRecord ApplySuspended(ActivationResult result, NodeOutcome outcome)
    {
        result.Activation.NodeState = outcome.State;   // stays on the agenda and runs again with this state
        return NodeRecord(result, CurrentStop == Stop.Pause ? NodeExecutionStatus.Paused : NodeExecutionStatus.Waiting, result.Attempts.Count, null, null, null);
    }

    private NodeExecutionRecord ApplyWaiting(ActivationResult result, NodeOutcome outcome)
    {
        var activation = result.Activation;
        activation.FinishedBodies.RemoveRange(0, result.ConsumedBodies);   // a loop node that waits (For Each open for appends) took them
        activation.NodeState = outcome.State;
        // Stays on the agenda, not launched until a signal or its wake time; a signal queued while it ran wakes it at once.
        activation.IsWaiting = activation.QueuedSignals.Count == 0;
        activation.WakeAt = outcome.WakeAt;
        return NodeRecord(result, NodeExecutionStatus.Waiting, result.Attempts.Count, null, null, null);
    }

    private NodeExecutionRecord ApplyBody(ActivationResult result, NodeOutcome outcome)
    {
        var activation = result.Activation;
        activation.FinishedBodies.RemoveRange(0, result.ConsumedBodies);
        activation.NodeState = outcome.State;
        if (activation.FinishedBodies.Count == 0 && activation.QueuedSignals.Count == 0)
        {
            _state.Agenda.Remove(activation);
            _state.Parked[activation.Id] = activation;
        }
        _router.StartBodies(activation, outcome.BodyPort!, outcome.Bodies);
        return NodeRecord(result, NodeExecutionStatus.Waiting, result.Attempts.Count, null, null, null);
    }

    /// <summary>
    /// Values an activation keeps are written once; an activation that will run again keeps its input the same way, so
    /// the agenda in each later checkpoint refers to it. Both are dropped when the activation completes.
    /// </summary>
    private void KeepValues(Activation activation, NodeOutcome outcome)
    {
        foreach (var (name, value) in outcome.Kept ?? new Dictionary<string, JsonNode?>())
            _state.Keep(activation, name, value);
        if (outcome.Kind == OutcomeKind.Completed) _state.DropValues(activation);
        else _state.KeepInput(activation);
    }

    private void RememberOutput(Model.NodeDefinition node, string scopeId, NodeOutcome outcome)
    {
        // Copy on write: a running node that can read $node or $vars keeps the object it was given, so the loop writes to
        // a copy of it, once, and later steps change that copy in place until a new reader starts. Nodes that cannot
        // read $node (no "$node" in their settings, no script) hold nothing, so a parallel For Each whose body does not
        // read it no longer copies every node's output per iteration.
        if (_holdingOutputs.Count > 0)
        {
            _state.NodeOutputs = (JsonObject)_state.NodeOutputs.DeepClone();
            _holdingOutputs.Clear();
        }
        if (outcome.Variables is { Count: > 0 } variables)
        {
            if (_holdingVariables.Count > 0)
            {
                _state.Variables = (JsonObject)_state.Variables.DeepClone();
                _holdingVariables.Clear();
            }
            foreach (var (name, value) in variables)
                _state.Variables[name] = value?.DeepClone();
        }
        // The output object itself becomes memory unless it already belongs to another JSON container.
        var output = outcome.Output?.Parent is null ? outcome.Output : outcome.Output.DeepClone();
        _state.SetOutput(node.Id, output);
        if (node.Name != node.Id && !string.IsNullOrEmpty(node.Name)) _state.SetOutput(node.Name, output?.DeepClone());
        _state.LastOutput = output;
        if (_state.Scopes.TryGetValue(scopeId, out var scope)) scope.LastOutput = output;
    }

    private static JsonObject ErrorOutput(Model.NodeDefinition node, Exception error, int attempts) => new()
    {
        ["message"] = error.Message,
        ["type"] = Resilience.FailureClassifier.TypeName(error),
        ["nodeId"] = node.Id,
        ["nodeName"] = node.Name,
        ["attempts"] = attempts,
        ["status"] = (error as Nodes.Actions.HttpStatusException)?.StatusCode,
        ["details"] = (error as NodeFailedException)?.Details?.DeepClone(),
    };

    private IReadOnlyList<NodeExecutionRecord> SkippedRecords()
    {
        if (_router.Skipped.Count == 0) return [];   // most steps skip nothing
        var now = _deps.Clock.GetUtcNow();
        var records = new List<NodeExecutionRecord>(_router.Skipped.Count);
        foreach (var (nodeId, _) in _router.Skipped)
        {
            var node = _graph.Node(nodeId);
            records.Add(new NodeExecutionRecord
            {
                Id = RowIds.New(), ExecutionId = _record.Id, NodeId = node.Id, NodeName = node.Name, NodeType = node.Type,
                Status = NodeExecutionStatus.Skipped, StartedAt = now, FinishedAt = now, Compensation = IsCompensating,
            });
        }
        _router.Skipped.Clear();
        return records;
    }

    private NodeExecutionRecord NodeRecord(ActivationResult result, NodeExecutionStatus status, int attempts, JsonNode? output, string? port,
        string? error, bool finished = false)
    {
        var node = _graph.Node(result.Activation.NodeId);
        var input = result.Activation.InputRecorded ? null : result.Activation.Input;
        result.Activation.InputRecorded = true;
        return new NodeExecutionRecord
        {
            Id = result.Activation.RecordId,
            ExecutionId = _record.Id,
            NodeId = node.Id,
            NodeName = node.Name,
            NodeType = node.Type,
            Status = status,
            Attempts = attempts,
            StartedAt = result.Activation.FirstStartedAt ?? result.StartedAt,
            FinishedAt = finished || status is NodeExecutionStatus.Failed or NodeExecutionStatus.Cancelled ? result.FinishedAt : null,
            // Written with the record's first commit only: later commits of this record (a For Each per item) leave it as stored.
            // Snapshots: the store serializes them (the in-memory store keeps them as they are), and nothing changes them later.
            Input = input,
            Output = output,
            OutputPort = port,
            Error = error,
            AttemptLog = [.. result.Attempts],
            Progress = result.Progress,
            Pinned = result.Pinned,
            Compensation = IsCompensating,
        };
    }

    /// <summary>
    /// One step, one transaction: the node records, their logs, the counters and the checkpoint of the state after the step.
    /// In <see cref="Model.Durability.AtBoundaries"/> mode a step that is no <paramref name="boundary"/> (nor a status change)
    /// is buffered until the next one that is, or until the checkpoint interval has passed.
    /// </summary>
    private async Task CommitStepAsync(IReadOnlyList<NodeExecutionRecord> records, IReadOnlyList<ExecutionLogRecord> logs,
        bool active = true, bool logStatus = false, bool boundary = false)
    {
        var step = _state.Step++;
        for (var i = 0; i < records.Count; i++) records[i].Step = step;   // by index: no boxed enumerator per step
        if (logs.Count > 0) logs = [.. logs.Select(l => l with { Step = step })];
        var stepRecords = records;
        if (_buffer is not null)
        {
            if (!boundary && active && !logStatus && !_buffer.IsDue)
            {
                _buffer.Add(records, logs);
                PublishCommitted(records, logStatus);
                return;
            }
            (records, logs) = _buffer.Drain(records, logs, nextCheckpointStep: _state.Step);
        }
        _record.TotalNodes = _graph.NodeCount;
        _record.CompletedNodes = _state.CompletedNodeIds.Count;
        _record.FailedNodes = _state.FailedNodeIds.Count;
        var expected = _record.Version;
        var commit = new StepCommit
        {
            Execution = _record,
            ExpectedVersion = expected,
            NodeExecutions = records,
            Logs = logs,
            Checkpoint = _checkpoints.Next(_state, _record.Id, active, _deps.Clock.GetUtcNow()),
        };
        try
        {
            // Not cancellable: a step is either fully committed or not at all, and a half-abandoned commit helps nobody.
            await _deps.Store.CommitStepAsync(commit, CancellationToken.None);
        }
        catch
        {
            _checkpoints.Forget();
            throw;
        }
        _checkpoints.Committed(_state, commit.Checkpoint);
        _record.Version = expected + 1;
        PublishCommitted(stepRecords, logStatus);
    }

    /// <summary>Tells watchers what a step did (in atBoundaries mode before it is durable, so live views keep up).</summary>
    private void PublishCommitted(IReadOnlyList<NodeExecutionRecord> records, bool logStatus)
    {
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            _deps.Events.Publish(new NodeStatusChanged(_record.Id, _deps.Clock.GetUtcNow(), record.NodeId, record.Id, record.Status, record.Attempts,
                record.AttemptLog.Count, record.DurationMs, record.OutputPort, record.Error, record.NodeType)
            {
                OutputItems = record.OutputPort is null ? null : OutputItems.Count(record.Output),
                Compensation = record.Compensation,
            });
        }
        PublishStatus();
        if (logStatus) _deps.Logger.LogInformation("Execution {ExecutionId} is {Status}", _record.Id, _record.Status);
    }

    private async Task CommitPauseAsync()
    {
        ExecutionTransitions.Apply(_record, ExecutionStatus.Paused, _deps.Clock.GetUtcNow());
        var at = _state.ReleasedBreakpoint is { } id && _state.Agenda.Find(a => a.Id == id) is { } halted
            ? $" before node '{_graph.Node(halted.NodeId).Name}'" : "";
        await CommitStepAsync([], [RunLog(LogLevel.Information, $"Execution paused{at}.")], logStatus: true);
    }

    // ---- Waits (park and wake). Kept together so the rest of the loop stays unaware of them. ----

    /// <summary>
    /// Applies what woke the loop: waiting activations whose time came are released, and queued signals are handed to
    /// their waiting activations. Delivered signals are committed as a step before they are acknowledged, so an
    /// acknowledged signal survives a crash.
    /// </summary>
    private async Task ApplyWakeupsAsync()
    {
        _wakeups.ReleaseDue(_state.Agenda);
        var signals = _wakeups.TakeSignals();
        if (signals.Count == 0) return;
        var answers = new List<(PendingSignal Signal, SignalDelivery Answer)>();
        var logs = new List<ExecutionLogRecord>();
        foreach (var signal in signals)
        {
            if (SignalTarget.Deliver(_state, _graph, signal.NodeId, signal.Payload) is not { } waiting)
            {
                answers.Add((signal, SignalDelivery.NotWaiting));
                continue;
            }
            logs.Add(RunLog(LogLevel.Information, $"Node '{_graph.Node(waiting.NodeId).Name}' received a signal and continues.", waiting.NodeId));
            answers.Add((signal, SignalDelivery.Delivered));
        }
        try
        {
            // A boundary: an acknowledged signal must survive a crash.
            if (logs.Count > 0) await CommitStepAsync([], logs, boundary: true);
        }
        catch
        {
            foreach (var (signal, _) in answers) signal.Answer.TrySetResult(SignalDelivery.RunEnded);
            throw;
        }
        foreach (var (signal, answer) in answers) signal.Answer.TrySetResult(answer);
    }

    /// <summary>Only waiting activations are left: the run parks as waiting with its earliest wake time, and its worker is released.</summary>
    private async Task CommitWaitingAsync()
    {
        var waiting = _state.Agenda.Where(a => a.IsWaiting).ToList();
        ExecutionTransitions.Apply(_record, ExecutionStatus.Waiting, _deps.Clock.GetUtcNow(), waiting.Min(a => a.WakeAt));
        var names = string.Join(", ", waiting.Select(a => $"'{_graph.Node(a.NodeId).Name}'").Distinct());
        var until = _record.WakeAt is { } wakeAt ? $" (until {wakeAt:yyyy-MM-dd HH:mm:ss} UTC at the latest)" : "";
        await CommitStepAsync([], [RunLog(LogLevel.Information, $"Execution is waiting at {names}{until}; no worker is held meanwhile.")], logStatus: true);
    }

    private async Task CommitCancelAsync()
    {
        if (ShouldCompensate(CompensationReasons.Cancel))
        {
            _record.ErrorMessage = "Execution cancelled.";   // kept on the record: what the rollback undoes
            await BeginCompensationAsync(CompensationReasons.Cancel,
                [.. _cancelledRecords, .. await WaitingRecordsCancelledAsync(_cancelledRecords), .. SkippedRecords()], [RunLog(LogLevel.Warning, "Execution cancelled.")]);
            return;
        }
        ExecutionTransitions.Apply(_record, ExecutionStatus.Cancelled, _deps.Clock.GetUtcNow());
        CancelReason.Record(_record, _cancelReason);
        await CommitStepAsync([.. _cancelledRecords, .. await WaitingRecordsCancelledAsync(_cancelledRecords)], [RunLog(LogLevel.Warning, CancelReason.LogMessage(_cancelReason))],
            active: false, logStatus: true);
    }

    /// <summary>Activations that were waiting or paused when the run ended early: their open records end cancelled too.</summary>
    private Task<IReadOnlyList<NodeExecutionRecord>> WaitingRecordsCancelledAsync(IEnumerable<NodeExecutionRecord> closedInThisStep) =>
        UnfinishedNodes.CancelAsync(_deps.Store, _record.Id, _deps.Clock.GetUtcNow(), closedInThisStep, CancellationToken.None);

    private async Task CommitCompletedAsync()
    {
        ExecutionTransitions.Apply(_record, ExecutionStatus.Completed, _deps.Clock.GetUtcNow());
        _record.Output = _state.LastOutput?.DeepClone();
        await CommitStepAsync([.. SkippedRecords()], [RunLog(LogLevel.Information, $"Execution completed after {_state.ActivationCount} node activations.")],
            active: false, logStatus: true);
    }

    /// <summary>Fails the run: other running nodes are cancelled, and the failure commits with the failed node's record.</summary>
    private async Task FailRunAsync(string message, string? nodeId, ActivationResult? failed)
    {
        if (IsCompensating)
        {
            await FailCompensationAsync(message, failed);
            return;
        }
        lock (_gate) _stop = Stop.Failed;
        _cancel.Cancel();
        await AwaitRunningAsync();

        var records = new List<NodeExecutionRecord>(_cancelledRecords);
        if (failed is not null)
        {
            records.Add(NodeRecord(failed, NodeExecutionStatus.Failed, failed.Attempts.Count, null, null, failed.Error?.Message));
            _state.FailedNodeIds.Add(failed.Activation.NodeId);
        }
        if (ShouldCompensate(CompensationReasons.Failure))
        {
            _record.ErrorMessage = message;
            _record.ErrorNodeId = nodeId;
            records.AddRange(await WaitingRecordsCancelledAsync(records));
            await BeginCompensationAsync(CompensationReasons.Failure, [.. records, .. SkippedRecords()], [.. failed?.Logs ?? [], RunLog(LogLevel.Error, message, nodeId)]);
            return;
        }
        ExecutionTransitions.Apply(_record, ExecutionStatus.Failed, _deps.Clock.GetUtcNow());
        _record.ErrorMessage = message;
        _record.ErrorNodeId = nodeId;
        records.AddRange(await WaitingRecordsCancelledAsync(records));   // other branches' waits end with the run
        await CommitStepAsync([.. records, .. SkippedRecords()], [.. failed?.Logs ?? [], RunLog(LogLevel.Error, message, nodeId)], active: false, logStatus: true);
    }

    /// <summary>
    /// <c>onFailure: pause</c>: the failed activation stays on the agenda under a fresh record, so a resume retries it
    /// and its failed record stays in the history. The run pauses once its other running nodes have finished, with the
    /// error on the record until it is resumed; nothing that reacts to failures fires.
    /// </summary>
    private async Task PauseAtFailureAsync(Model.NodeDefinition node, ActivationResult failed, string message)
    {
        lock (_gate) _stop = Stop.Pause;
        var record = NodeRecord(failed, NodeExecutionStatus.Failed, failed.Attempts.Count, null, null, failed.Error?.Message);
        failed.Activation.RecordId = RowIds.New();
        failed.Activation.InputRecorded = false;
        failed.Activation.FirstStartedAt = null;
        _record.ErrorMessage = message;
        _record.ErrorNodeId = node.Id;
        await CommitStepAsync([record], [.. failed.Logs, RunLog(LogLevel.Error, $"{message} The run pauses here (onFailure: pause): resume retries the node, cancel ends the run.", node.Id)], boundary: true);
    }

    private async Task TryFailAsync(string message, string? nodeId)
    {
        if (!ExecutionTransitions.IsAllowed(_record.Status, ExecutionStatus.Failed))
        {
            // The commit of its end (completed, cancelled) failed: the store still has it running, and recovery continues it.
            _deps.Logger.LogError("Execution {ExecutionId} could not commit its end ({Status}); it is recovered on restart", _record.Id, _record.Status);
            return;
        }
        try
        {
            ExecutionTransitions.Apply(_record, ExecutionStatus.Failed, _deps.Clock.GetUtcNow());
            _record.ErrorMessage = message;
            _record.ErrorNodeId = nodeId;
            await CommitStepAsync([], [RunLog(LogLevel.Error, message, nodeId)], active: false, logStatus: true);
        }
        catch (Exception ex)
        {
            _deps.Logger.LogError(ex, "Could not record the failure of execution {ExecutionId}; it stays running and is recovered on restart", _record.Id);
        }
    }

    /// <summary>Waits for nodes still running (after a cancel they end quickly); their results are recorded as cancelled.</summary>
    private async Task AwaitRunningAsync()
    {
        foreach (var (task, _) in _running.ToList())
        {
            var result = await task;
            ActivationReturned(result.Activation);
            _branchCancelled.Remove(result.Activation.Id);
            _cancelledRecords.Add(NodeRecord(result, NodeExecutionStatus.Cancelled, result.Attempts.Count, null, null, "Cancelled"));
        }
        _running.Clear();
    }

    private ExecutionLogRecord RunLog(LogLevel level, string message, string? nodeId = null)
    {
        _deps.Logger.Log(level, "Execution {ExecutionId}: {Message}", _record.Id, message);
        var log = new ExecutionLogRecord(0, _record.Id, _deps.Clock.GetUtcNow(), level, message, nodeId);
        _deps.Events.Publish(new LogWritten(log));
        return log;
    }

    private void PublishStatus() => _deps.Events.Publish(ExecutionStatusChanged.Of(_record, _deps.Clock.GetUtcNow()));
}
