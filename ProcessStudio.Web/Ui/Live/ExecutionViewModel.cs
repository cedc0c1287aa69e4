using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Web.Ui.Live;

/// <summary>
/// The monitor's in-memory picture of one run: initialised from a store snapshot, then moved forward by engine events.
/// Only touched on the circuit's dispatcher, so it needs no locks.
/// </summary>
public sealed class ExecutionViewModel
{
    private readonly Dictionary<string, NodeRunState> _nodes = new(StringComparer.Ordinal);
    private readonly TimelineBuilder _timeline = new();

    public ExecutionViewModel(ExecutionSnapshot snapshot)
    {
        Workflow = snapshot.Workflow;
        Execution = snapshot.Execution;
        Reload(snapshot);
    }

    public WorkflowDefinition Workflow { get; }
    public ExecutionRecord Execution { get; private set; }
    public IReadOnlyDictionary<string, NodeRunState> Nodes => _nodes;
    public IReadOnlyList<TimelineBar> Timeline => _timeline.Bars;
    public LogBuffer Logs { get; } = new();
    /// <summary>Items that went over each link so far, for the labels on the run view's links.</summary>
    public LinkItemCounts LinkItems { get; } = new();

    /// <summary>Bumped on every change, so views can cache what they derive.</summary>
    public long Revision { get; private set; }

    /// <summary>The engine time of the oldest event in the last applied batch: how stale the freshest render can be (instrumentation).</summary>
    public DateTimeOffset? OldestEventInLastBatch { get; private set; }

    public ExecutionStatus Status => Execution.Status;
    public bool IsFinished => Execution.Status.IsFinished();
    /// <summary>A paused run that carries breakpoints: the person is debugging it, so Step and the memory view apply.</summary>
    public bool IsAtBreakpoint => Execution.Status == ExecutionStatus.Paused && Execution.Breakpoints.Count > 0;

    /// <summary>The breakpoint node the run stopped before: one that has not run yet, right after a node that succeeded.</summary>
    public string? BreakpointNodeId => !IsAtBreakpoint ? null : Execution.Breakpoints.FirstOrDefault(id =>
        _nodes.GetValueOrDefault(id)?.Status is NodeExecutionStatus.Pending or NodeExecutionStatus.Paused
        && Workflow.Connections.Any(c => c.TargetNodeId == id && _nodes.GetValueOrDefault(c.SourceNodeId)?.Status == NodeExecutionStatus.Succeeded));

    /// <summary>
    /// Nodes that succeeded out of the nodes the engine runs: the engine's own definition (its CompletedNodes and
    /// TotalNodes), so the executions list and this page show the same "k / n".
    /// </summary>
    public RunProgress Progress
    {
        get
        {
            var total = Execution.TotalNodes > 0 ? Execution.TotalNodes : Workflow.Nodes.Count(n => !n.Disabled);
            var done = _nodes.Values.Count(n => n.Status == NodeExecutionStatus.Succeeded);
            var failed = _nodes.Values.Count(n => n.Status == NodeExecutionStatus.Failed);
            return new RunProgress(Math.Min(done, total), total, failed, Execution.Status == ExecutionStatus.Completed);
        }
    }

    /// <summary>Replaces everything with the store's view (first load, reconnect, or after dropped events).</summary>
    public void Reload(ExecutionSnapshot snapshot)
    {
        Execution = snapshot.Execution;
        _nodes.Clear();
        foreach (var node in Workflow.Nodes) _nodes[node.Id] = NodeRunState.Pending(node.Id);
        foreach (var record in snapshot.NodeExecutions.OrderBy(r => r.Step).ThenBy(r => r.StartedAt))
            _nodes[record.NodeId] = IsMarker(record.Compensation, record.NodeId)
                ? _nodes[record.NodeId] with { Compensation = record.Status }
                : FromRecord(record);
        _timeline.Reset(snapshot.NodeExecutions);
        LinkItems.Reset(snapshot.NodeExecutions);
        Logs.Reset(snapshot.Logs);
        Revision++;
    }

    /// <summary>Applies a batch of events in order, remembering how old the oldest one was.</summary>
    public void Apply(IReadOnlyList<EngineEvent> batch)
    {
        if (batch.Count == 0) return;
        OldestEventInLastBatch = batch.Min(e => e.Timestamp);
        foreach (var engineEvent in batch) Apply(engineEvent);
    }

    /// <summary>Lines read from the store that the live stream missed (see <see cref="LogBuffer.Merge"/>).</summary>
    public void MergeStoredLogs(IReadOnlyList<ExecutionLogRecord> logs)
    {
        if (logs.Count == 0) return;
        Logs.Merge(logs);
        Revision++;
    }

    public void Apply(EngineEvent engineEvent)
    {
        switch (engineEvent)
        {
            case ExecutionStatusChanged e: ApplyStatus(e); break;
            case NodeStatusChanged e: ApplyNodeStatus(e); break;
            case NodeRetryScheduled e: ApplyRetry(e); break;
            case NodeProgressChanged e: Update(e.NodeId, n => n with { Progress = e.Progress }); break;
            case LogWritten e: Logs.Append(e.Log); break;
            default: return;
        }
        Revision++;
    }

    private void ApplyStatus(ExecutionStatusChanged e)
    {
        // An event older than the snapshot must not reopen a run the store already saw finish; a later one does (compensate).
        if (Execution.Status.IsFinished() && !e.Status.IsFinished() && !(e.Timestamp > Execution.StoppedAt)) return;
        Execution.Status = e.Status;
        Execution.TotalNodes = e.TotalNodes;
        Execution.CompletedNodes = e.CompletedNodes;
        Execution.FailedNodes = e.FailedNodes;
        // Running again clears the error of a run that paused at a failed node (onFailure: pause); a rollback keeps it.
        Execution.ErrorMessage = e.Status == ExecutionStatus.Running ? e.ErrorMessage : e.ErrorMessage ?? Execution.ErrorMessage;
        Execution.StatusReason = e.StatusReason ?? Execution.StatusReason;
        Execution.ErrorNodeId = e.Status == ExecutionStatus.Running ? e.ErrorNodeId : e.ErrorNodeId ?? Execution.ErrorNodeId;
        if (e.Status == ExecutionStatus.Running) Execution.StoppedAt = null;
        if (e.Status == ExecutionStatus.Running) Execution.StartedAt ??= e.Timestamp;
        if (e.Status == ExecutionStatus.Paused) Execution.PausedAt = e.Timestamp;
        if (e.Status.IsFinished()) Execution.StoppedAt ??= e.Timestamp;
    }

    private void ApplyNodeStatus(NodeStatusChanged e)
    {
        if (IsMarker(e.Compensation, e.NodeId))
        {
            Update(e.NodeId, n => n with { Compensation = e.Status });
            _timeline.Apply(e);
            return;
        }
        Update(e.NodeId, n =>
        {
            var startsNewActivation = e.Status == NodeExecutionStatus.Running && !n.IsActive;
            return n with
            {
                Status = e.Status,
                Attempt = e.Attempt,
                MaxAttempts = e.MaxAttempts,
                StartedAt = startsNewActivation ? e.Timestamp : n.StartedAt ?? e.Timestamp,
                DurationMs = e.DurationMs,
                Progress = startsNewActivation ? null : n.Progress,
                Error = e.Status is NodeExecutionStatus.Failed or NodeExecutionStatus.Retrying ? e.Error ?? n.Error : startsNewActivation ? null : n.Error,
                OutputPort = e.OutputPort ?? n.OutputPort,
                NextAttemptAt = e.Status == NodeExecutionStatus.Retrying ? n.NextAttemptAt : null,
            };
        });
        _timeline.Apply(e);
        LinkItems.Record(e.NodeExecutionId, e.NodeId, e.OutputPort, e.OutputItems, e.Timestamp);
    }

    private void ApplyRetry(NodeRetryScheduled e)
    {
        Update(e.NodeId, n => n with
        {
            Status = NodeExecutionStatus.Retrying,
            Attempt = e.Attempt,
            MaxAttempts = e.MaxAttempts,
            Error = e.Error,
            NextAttemptAt = e.NextAttemptAt,
        });
        _timeline.Apply(e);
    }

    /// <summary>Nodes that declare a compensating path: their rollback records show as their compensation state.</summary>
    public IReadOnlySet<string> Compensable => _compensable ??= CompensationMarkers.CompensableNodes(Workflow);
    private IReadOnlySet<string>? _compensable;

    private bool IsMarker(bool compensation, string nodeId) => CompensationMarkers.IsMarker(compensation, nodeId, Compensable);

    private void Update(string nodeId, Func<NodeRunState, NodeRunState> change) =>
        _nodes[nodeId] = change(_nodes.GetValueOrDefault(nodeId) ?? NodeRunState.Pending(nodeId));

    private static NodeRunState FromRecord(NodeExecutionRecord r) => new(
        r.NodeId, r.Status, r.Attempts, 0, r.StartedAt, r.DurationMs, r.Progress, r.Error, r.OutputPort,
        r.AttemptLog.LastOrDefault()?.NextAttemptAt);
}

/// <summary>How far a run got, in nodes.</summary>
public sealed record RunProgress(int Done, int Total, int Failed, bool Completed)
{
    public int Percentage => Completed ? 100 : Total == 0 ? 0 : (int)Math.Round(100.0 * Done / Total);
}
