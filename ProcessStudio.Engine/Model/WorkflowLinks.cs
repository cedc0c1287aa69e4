namespace ProcessStudio.Engine.Model;

/// <summary>Link questions about a workflow that has not been validated yet (links may dangle): for save-time checks.</summary>
public static class WorkflowLinks
{
    /// <summary>Every node reachable from <paramref name="nodeId"/> through at least one link.</summary>
    public static HashSet<string> Downstream(WorkflowDefinition workflow, string nodeId)
    {
        var outgoing = workflow.Connections.ToLookup(c => c.SourceNodeId);
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var frontier = new Stack<string>([nodeId]);
        while (frontier.TryPop(out var id))
            foreach (var link in outgoing[id])
                if (reached.Add(link.TargetNodeId)) frontier.Push(link.TargetNodeId);
        return reached;
    }
}
