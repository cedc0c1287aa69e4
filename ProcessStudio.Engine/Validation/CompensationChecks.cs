using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Nodes;

namespace ProcessStudio.Engine.Validation;

/// <summary>
/// Compensating paths (a node's <c>compensate</c> port): each must lead somewhere, may not lead back into the main path (it
/// would then run in the main run and in the rollback), and may not itself declare compensation (a rollback is not undone).
/// </summary>
public static class CompensationChecks
{
    private static readonly string Port = PortDescriptor.Compensate.Name;

    public static void Check(WorkflowDefinition workflow, NodeCatalog catalog, List<ValidationProblem> problems)
    {
        var declaring = workflow.Nodes.Where(n => n.Policy.Compensate && !n.Disabled).ToList();
        if (declaring.Count == 0) return;
        var outgoing = workflow.Connections.ToLookup(c => c.SourceNodeId);
        var triggers = workflow.Nodes.Where(n => !n.Disabled && catalog.Find(n.Type)?.IsTrigger == true).Select(n => n.Id);
        var mainPath = Reach(triggers, outgoing, includeCompensate: false);
        foreach (var node in declaring)
        {
            if (catalog.Find(node.Type)?.IsTrigger == true)
            {
                problems.Add(new("compensate.trigger", $"Node '{node.Name}' is a trigger: it has nothing to undo, so it cannot declare a compensating path.",
                    node.Id, "policy.compensate"));
                continue;
            }
            var starts = outgoing[node.Id].Where(c => c.SourcePort == Port).Select(c => c.TargetNodeId).ToList();
            if (starts.Count == 0)
            {
                problems.Add(new("compensate.unconnected", $"Node '{node.Name}' declares a compensating path, but nothing is linked to its Compensate port: " +
                    "link the nodes that undo it, or switch compensation off.", node.Id, "policy.compensate"));
                continue;
            }
            var path = Reach(starts, outgoing, includeCompensate: true);
            foreach (var back in workflow.Nodes.Where(n => path.Contains(n.Id) && mainPath.Contains(n.Id)))
                problems.Add(new("compensate.joins-main-path", $"Node '{back.Name}' is on the compensating path of '{node.Name}' and on the main path: " +
                    "a compensating path may not lead back into the main path. Use separate nodes to undo the work.", back.Id));
            foreach (var nested in workflow.Nodes.Where(n => path.Contains(n.Id) && n.Policy.Compensate && n.Id != node.Id && !mainPath.Contains(n.Id)))
                problems.Add(new("compensate.nested", $"Node '{nested.Name}' is on the compensating path of '{node.Name}' and declares a compensating path " +
                    "itself: a rollback is not rolled back. Switch compensation off on it.", nested.Id, "policy.compensate"));
        }
    }

    private static HashSet<string> Reach(IEnumerable<string> starts, ILookup<string, Connection> outgoing, bool includeCompensate)
    {
        var reached = new HashSet<string>(starts, StringComparer.Ordinal);
        var frontier = new Queue<string>(reached);
        while (frontier.TryDequeue(out var id))
            foreach (var link in outgoing[id])
                if ((includeCompensate || link.SourcePort != Port) && reached.Add(link.TargetNodeId)) frontier.Enqueue(link.TargetNodeId);
        return reached;
    }
}
