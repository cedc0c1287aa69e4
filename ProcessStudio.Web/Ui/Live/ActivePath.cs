using ProcessStudio.Engine.Model;

namespace ProcessStudio.Web.Ui.Live;

/// <summary>The links a run is travelling right now: from a node that finished through the port it took, into a node that is running.</summary>
public static class ActivePath
{
    public static IReadOnlySet<string> Of(WorkflowDefinition workflow, IReadOnlyDictionary<string, NodeRunState> nodes)
    {
        var active = new HashSet<string>(StringComparer.Ordinal);
        foreach (var connection in workflow.Connections)
        {
            if (!nodes.TryGetValue(connection.TargetNodeId, out var target) || !target.IsActive) continue;
            if (!nodes.TryGetValue(connection.SourceNodeId, out var source)) continue;
            var tookThisPort = source.OutputPort is null || source.OutputPort == connection.SourcePort;
            if (source.Status == Engine.Execution.NodeExecutionStatus.Succeeded && tookThisPort) active.Add(connection.Id);
        }
        return active;
    }
}
