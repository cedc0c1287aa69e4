using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Nodes;

namespace ProcessStudio.Web.Ui.Designer;

/// <summary>Which links the designer accepts, and the reason shown when one is refused.</summary>
public static class ConnectionRules
{
    /// <summary>Null when the link is allowed; otherwise a sentence saying why not.</summary>
    public static string? Check(WorkflowDefinition workflow, INodeCatalog catalog, string sourceNodeId, string sourcePort, string targetNodeId)
    {
        var source = workflow.FindNode(sourceNodeId);
        var target = workflow.FindNode(targetNodeId);
        if (source is null || target is null) return "That node no longer exists.";
        if (sourceNodeId == targetNodeId) return "Cannot connect a node to itself.";
        if (catalog.OutputPorts(source).All(p => p.Name != sourcePort)) return $"'{sourcePort}' is not an output of {source.Name}.";
        if (catalog.InputPorts(target).Count == 0)
            return catalog.Find(target.Type)?.IsTrigger == true ? "A trigger has no input." : $"{target.Name} has no input.";
        var exists = workflow.Connections.Any(c =>
            c.SourceNodeId == sourceNodeId && c.SourcePort == sourcePort && c.TargetNodeId == targetNodeId);
        return exists ? "Already connected." : null;
    }
}
