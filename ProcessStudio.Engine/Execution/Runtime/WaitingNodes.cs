using System.Text.Json.Nodes;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.Runtime;

/// <summary>A node activation parked by <see cref="Nodes.NodeOutcome.Wait"/>, with the node's own wait state (an approval's request).</summary>
public sealed record WaitingNode(
    Guid ExecutionId,
    Guid WorkflowId,
    string WorkflowName,
    int WorkflowVersion,
    ExecutionStatus RunStatus,
    string NodeId,
    string NodeName,
    string NodeType,
    DateTimeOffset? Since,
    DateTimeOffset? WakeAt,
    JsonNode? State);

/// <summary>
/// Finds waiting activations from the runs' checkpoints, which are the source of truth for what waits: a run may wait
/// at several nodes, and a running run may have one branch waiting while others work.
/// </summary>
public sealed class WaitingNodes(IExecutionStore executions, RunStateLoader loader)
{
    private static readonly ExecutionStatus[] CanWait = [ExecutionStatus.Waiting, ExecutionStatus.Running, ExecutionStatus.Paused];

    /// <summary>Waiting activations of the given node type (all types when null), oldest run first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<WaitingNode>> ListAsync(Guid? workflowId, string? nodeType, int limit, CancellationToken cancellationToken)
    {
        var found = new List<WaitingNode>();
        foreach (var run in await executions.ListByStatusAsync(CanWait, cancellationToken))
        {
            if (workflowId is { } id && run.WorkflowId != id) continue;
            found.AddRange((await InRunAsync(run, cancellationToken)).Where(w => nodeType is null || w.NodeType == nodeType));
            if (found.Count >= limit) break;
        }
        return found.Take(limit).ToList();
    }

    /// <summary>The waiting activations of one run (none when it is not active or its checkpoint cannot be read).</summary>
    public async Task<IReadOnlyList<WaitingNode>> InRunAsync(ExecutionRecord run, CancellationToken cancellationToken)
    {
        if (!CanWait.Contains(run.Status)) return [];
        var checkpoint = await executions.GetCheckpointAsync(run.Id, cancellationToken);
        if (checkpoint is not { IsActive: true }) return [];
        RunState state;
        WorkflowGraph graph;
        try
        {
            state = RunState.Deserialize(run.Id, checkpoint.StateJson);
            graph = await loader.GraphAsync(run.WorkflowId, run.WorkflowVersion, cancellationToken);
        }
        catch (Exception ex) when (ex is CheckpointInvalidException or NotFoundException)
        {
            return [];   // such a run cannot continue anyway; its failure is reported when a worker picks it up
        }
        return state.Agenda.Where(a => a.IsWaiting && graph.Contains(a.NodeId)).Select(a =>
        {
            var node = graph.Node(a.NodeId);
            return new WaitingNode(run.Id, run.WorkflowId, run.WorkflowName, run.WorkflowVersion, run.Status, node.Id, node.Name, node.Type,
                a.FirstStartedAt, a.WakeAt, a.NodeState?.DeepClone());
        }).ToList();
    }
}
