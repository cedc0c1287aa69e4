namespace ProcessStudio.Engine.Execution.Runtime;

/// <summary>
/// Which nodes can be reached from which along the links (any port), computed per node on first use. Joins ask it
/// whether an incoming link can still deliver; cancellation asks it which branches lead to a node.
/// </summary>
public sealed class GraphReach(WorkflowGraph graph)
{
    private readonly Dictionary<string, HashSet<string>> _downstream = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="to"/> is <paramref name="from"/> or lies downstream of it.</summary>
    public bool Reaches(string from, string to) => from == to || Downstream(from).Contains(to);

    /// <summary>Every node reachable from <paramref name="nodeId"/> through at least one link (itself only on a cycle).</summary>
    public IReadOnlySet<string> Downstream(string nodeId)
    {
        if (_downstream.TryGetValue(nodeId, out var known)) return known;
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var frontier = new Stack<string>([nodeId]);
        while (frontier.TryPop(out var id))
            foreach (var port in graph.OutputPorts(id))
                foreach (var link in graph.Outgoing(id, port))
                    if (reached.Add(link.TargetNodeId)) frontier.Push(link.TargetNodeId);
        _downstream[nodeId] = reached;
        return reached;
    }
}
