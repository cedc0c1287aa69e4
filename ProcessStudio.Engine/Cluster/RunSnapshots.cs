using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Cluster;

/// <summary>A run's state as stored, told as the events that bring a viewer up to it: each node's latest status, then the run's.</summary>
public sealed class RunSnapshots(IExecutionStore executions, TimeProvider clock)
{
    private static readonly ExecutionStatus[] Active = [ExecutionStatus.Pending, ExecutionStatus.Running, ExecutionStatus.Paused, ExecutionStatus.Waiting];

    public Task<ExecutionRecord?> GetAsync(Guid executionId, CancellationToken cancellationToken) =>
        executions.GetAsync(executionId, cancellationToken);

    /// <summary>The runs still active plus <paramref name="others"/> (which may have finished meanwhile).</summary>
    public async Task<IReadOnlyList<ExecutionRecord>> ActiveAndAsync(IReadOnlySet<Guid> others, CancellationToken cancellationToken)
    {
        var runs = (await executions.ListByStatusAsync(Active, cancellationToken)).ToDictionary(r => r.Id);
        foreach (var id in others.Where(id => !runs.ContainsKey(id)))
            if (await executions.GetAsync(id, cancellationToken) is { } run) runs[id] = run;
        return [.. runs.Values];
    }

    public async Task<IReadOnlyList<EngineEvent>> EventsOfAsync(ExecutionRecord run, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var nodes = await executions.GetNodeExecutionsAsync(run.Id, cancellationToken);
        var events = new List<EngineEvent>();
        foreach (var node in nodes.GroupBy(n => n.NodeId).Select(g => g.MaxBy(n => n.Step)!))
            events.Add(new NodeStatusChanged(run.Id, now, node.NodeId, node.Id, node.Status, node.Attempts, Math.Max(node.Attempts, 1),
                node.DurationMs, node.OutputPort, node.Error, node.NodeType));
        events.Add(ExecutionStatusChanged.Of(run, now));
        return events;
    }
}
