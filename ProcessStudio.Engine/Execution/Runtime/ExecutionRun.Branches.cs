using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Nodes;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.Runtime;

/// <summary>
/// Cancelling part of a run while the rest goes on: the losers of a race (a join with onRemaining: cancel), the target
/// of a Cancel node, and everything else when an End node completes the run. Cancelled activations are recorded as
/// Cancelled; a running one is cancelled through its own token and recorded when it returns, whatever it returns: the
/// decision taken on the loop thread wins over a late result.
/// </summary>
public sealed partial class ExecutionRun
{
    /// <summary>After a step changed the agenda: joins decide, races cancel their losers (added to <paramref name="records"/>), drained loop scopes close.</summary>
    private async ValueTask SettleAsync(List<NodeExecutionRecord> records, List<ExecutionLogRecord> logs)
    {
        var joins = _router.Joins;
        while (true)
        {
            joins.EvaluateAll();
            if (joins.ToCancel.Count == 0)
            {
                _router.CloseDrainedScopes();   // a drained scope's quiescence may decide a race of its own
                if (joins.ToCancel.Count == 0) break;
            }
            var losers = joins.ToCancel.ToList();
            joins.ToCancel.Clear();
            records.AddRange(await CancelActivationsAsync(losers));
            logs.Add(RunLog(LogLevel.Information,
                $"A join won its race; cancelled {string.Join(", ", losers.Select(a => $"'{_graph.Node(a.NodeId).Name}'").Distinct())}."));
        }
        foreach (var (joinId, sourceId) in joins.Absorbed)
            logs.Add(RunLog(LogLevel.Debug, $"Join '{_graph.Node(joinId).Name}' absorbed the arrival from '{_graph.Node(sourceId).Name}': its round had already fired.", joinId));
        joins.Absorbed.Clear();
    }

    /// <summary>What a Cancel node stops: the named nodes' activations (and their branches when asked), in every scope.</summary>
    private List<Activation> CancelVictims(Model.NodeDefinition canceller, CancelTarget target)
    {
        var nodes = target.NodeIds.ToHashSet(StringComparer.Ordinal);
        if (target.Downstream)
            foreach (var id in target.NodeIds.Where(_graph.Contains).ToList()) nodes.UnionWith(_graph.Reach.Downstream(id));
        nodes.Remove(canceller.Id);
        return [.. _state.Agenda.Concat(_state.Parked.Values).Where(a => nodes.Contains(a.NodeId))];
    }

    private async Task<List<NodeExecutionRecord>> CancelTargetAsync(Model.NodeDefinition canceller, CancelTarget target, List<Activation> victims,
        List<ExecutionLogRecord> logs)
    {
        var records = await CancelActivationsAsync(victims);
        logs.Add(RunLog(LogLevel.Information, $"Node '{canceller.Name}' cancelled {target.Label}: {victims.Count} activation(s).", canceller.Id));
        return records;
    }

    /// <summary>An End node completes the run: every other activation is cancelled and nothing routes any more.</summary>
    private async Task<List<NodeExecutionRecord>> EndRunAsync(Model.NodeDefinition end, List<Activation> others, List<ExecutionLogRecord> logs)
    {
        var records = await CancelActivationsAsync(others);
        _state.Arrivals.Clear();
        _state.Joins.Clear();
        logs.Add(RunLog(LogLevel.Information, $"Node '{end.Name}' ended the run; {others.Count} other activation(s) cancelled.", end.Id));
        return records;
    }

    /// <summary>
    /// Cancels activations with the iterations of the loop nodes among them. Ones not running leave the agenda now and are
    /// recorded here; running ones are cancelled through their token and recorded when they return.
    /// </summary>
    private async Task<List<NodeExecutionRecord>> CancelActivationsAsync(IEnumerable<Activation> targets)
    {
        var queue = new Queue<Activation>(targets);
        var seen = new HashSet<long>();
        var cancelled = new List<Activation>();
        while (queue.TryDequeue(out var activation))
        {
            if (!seen.Add(activation.Id)) continue;
            foreach (var inner in RemoveIterations(activation)) queue.Enqueue(inner);
            if (_runningIds.Contains(activation.Id))
            {
                if (_branchCancelled.Add(activation.Id)) _activationCancels[activation.Id].Cancel();
                continue;
            }
            _state.Agenda.Remove(activation);
            _state.Parked.Remove(activation.Id);
            _state.DropValues(activation);
            NoteCancelledWork(activation);
            cancelled.Add(activation);
        }
        return await CancelledRecordsAsync(cancelled);
    }

    /// <summary>A loop node completed while iterations still run (For Each completeWhen): they are cancelled.</summary>
    private Task<List<NodeExecutionRecord>> CancelIterationsAsync(Activation owner) => CancelActivationsAsync(RemoveIterations(owner));

    /// <summary>Removes the child scopes of a loop activation; returns the activations that were in them.</summary>
    private List<Activation> RemoveIterations(Activation owner)
    {
        var inner = new List<Activation>();
        foreach (var scope in _state.Scopes.Values.Where(s => s.OwnerActivationId == owner.Id).ToList())
        {
            _state.Scopes.Remove(scope.Id);
            inner.AddRange(_state.Agenda.Concat(_state.Parked.Values).Where(a => a.ScopeId == scope.Id));
            foreach (var key in _state.Arrivals.Keys.Where(k => k.StartsWith(scope.Id + "/", StringComparison.Ordinal)).ToList()) _state.Arrivals.Remove(key);
            _router.Joins.DropScope(scope.Id);
        }
        return inner;
    }

    /// <summary>Records of activations cancelled before they ran again; one that ran before keeps its stored attempts.</summary>
    private async Task<List<NodeExecutionRecord>> CancelledRecordsAsync(List<Activation> cancelled)
    {
        if (cancelled.Count == 0) return [];
        var now = _deps.Clock.GetUtcNow();
        var stored = cancelled.Any(a => a.FirstStartedAt is not null)
            ? (await _deps.Store.GetNodeExecutionsAsync(_record.Id, CancellationToken.None)).ToDictionary(r => r.Id)
            : [];
        return [.. cancelled.Select(activation =>
        {
            var node = _graph.Node(activation.NodeId);
            var record = stored.GetValueOrDefault(activation.RecordId) ?? new NodeExecutionRecord
            {
                Id = activation.RecordId, ExecutionId = _record.Id, NodeId = node.Id, NodeName = node.Name, NodeType = node.Type,
                StartedAt = activation.FirstStartedAt ?? now, Input = activation.InputRecorded ? null : activation.Input,
            };
            activation.InputRecorded = true;
            record.Status = NodeExecutionStatus.Cancelled;
            record.FinishedAt = now;
            record.Error ??= "Cancelled";
            return record;
        })];
    }

    /// <summary>A running activation that was cancelled came back: it leaves the agenda, recorded as cancelled, and does not route.</summary>
    private async Task CommitBranchCancelledAsync(ActivationResult result)
    {
        var activation = result.Activation;
        _state.Agenda.Remove(activation);
        _state.Parked.Remove(activation.Id);
        _state.DropValues(activation);
        NoteCancelledWork(activation);
        var logs = new List<ExecutionLogRecord>(result.Logs);
        var records = new List<NodeExecutionRecord>();
        await SettleAsync(records, logs);
        await CommitStepAsync([NodeRecord(result, NodeExecutionStatus.Cancelled, result.Attempts.Count, null, null, "Cancelled", finished: true), .. records,
            .. SkippedRecords()], logs);
        await StopCancelledWorkAsync();
        if (_router.Stuck is { } stuck) await FailRunAsync(stuck.Message, stuck.NodeId, null);
    }

    /// <summary>A cancelled activation that had begun work: its node type may have to stop something outside the run.</summary>
    private void NoteCancelledWork(Activation activation)
    {
        if (activation.NodeState is not null)
            _cancelledWork.Add(new CancelledActivation(_record.Id, _graph.Node(activation.NodeId), activation.NodeState.DeepClone()));
    }

    /// <summary>
    /// After the step that cancelled them committed: node types stop what they started outside the run (a Sub-workflow's
    /// child run). A failure is logged; the branch stays cancelled either way.
    /// </summary>
    private async Task StopCancelledWorkAsync()
    {
        if (_cancelledWork.Count == 0) return;
        var work = _cancelledWork.ToList();
        _cancelledWork.Clear();
        foreach (var cancelled in work)
        {
            try
            {
                await _graph.TypeOf(cancelled.Node.Id).BranchCancelledAsync(cancelled, CancellationToken.None);
            }
            catch (Exception ex)
            {
                _deps.Logger.LogWarning(ex, "Execution {ExecutionId}: node {NodeId} was cancelled, but stopping its outside work failed", _record.Id, cancelled.Node.Id);
            }
        }
    }
}
