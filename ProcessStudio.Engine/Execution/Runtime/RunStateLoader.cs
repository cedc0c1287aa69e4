using System.Collections.Concurrent;
using ProcessStudio.Engine.Nodes;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Validation;

namespace ProcessStudio.Engine.Execution.Runtime;

/// <summary>Loads what a run needs to continue — its workflow version as a graph and its checkpoint — and checks they fit together.</summary>
public sealed class RunStateLoader(IWorkflowStore workflows, IExecutionStore executions, NodeCatalog catalog, IWorkflowValidator validator)
{
    private readonly ConcurrentDictionary<(Guid, int), WorkflowGraph> _graphs = new();

    /// <summary>
    /// A version's graph, validated when it is first loaded. Versions never change and validation depends on nothing else,
    /// so a start of a large workflow reads and checks it once, not on every run.
    /// </summary>
    public async Task<WorkflowGraph> GraphAsync(Guid workflowId, int version, CancellationToken cancellationToken)
    {
        if (_graphs.TryGetValue((workflowId, version), out var cached)) return cached;
        var saved = await workflows.GetVersionAsync(workflowId, version, cancellationToken)
            ?? throw new NotFoundException("Workflow", $"{workflowId} v{version}");
        var errors = validator.Validate(saved.Definition).Where(p => p.Severity == ProblemSeverity.Error).ToList();
        if (errors.Count > 0) throw new WorkflowInvalidException(errors);
        return _graphs.GetOrAdd((workflowId, version), _ => new WorkflowGraph(saved.Definition, catalog));
    }

    public async Task<(WorkflowGraph Graph, RunState State)> LoadAsync(ExecutionRecord record, CancellationToken cancellationToken)
    {
        var graph = await GraphAsync(record.WorkflowId, record.WorkflowVersion, cancellationToken);
        var checkpoint = await executions.GetCheckpointAsync(record.Id, cancellationToken)
            ?? throw new CheckpointInvalidException(record.Id, "it has no checkpoint");
        if (!checkpoint.IsActive) throw new CheckpointInvalidException(record.Id, "its checkpoint is no longer active");
        var state = RunState.Deserialize(record.Id, checkpoint.StateJson);
        Check(record, graph, state);
        return (graph, state);
    }

    /// <summary>Refuses a state that does not belong to this workflow version, so a resume never runs half a graph.</summary>
    public static void Check(ExecutionRecord record, WorkflowGraph graph, RunState state)
    {
        if (state.WorkflowId != record.WorkflowId || state.WorkflowVersion != record.WorkflowVersion)
            throw new CheckpointInvalidException(record.Id, "its checkpoint belongs to another workflow version");
        foreach (var activation in state.Agenda.Concat(state.Parked.Values))
        {
            if (!graph.Contains(activation.NodeId))
                throw new CheckpointInvalidException(record.Id, $"its checkpoint refers to node '{activation.NodeId}', which the workflow does not have");
            if (activation.ScopeId != RunState.RootScope && !state.Scopes.ContainsKey(activation.ScopeId))
                throw new CheckpointInvalidException(record.Id, $"its checkpoint refers to a missing loop scope '{activation.ScopeId}'");
        }
    }
}
