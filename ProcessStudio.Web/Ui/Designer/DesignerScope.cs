using System.Text.Json.Nodes;
using ProcessStudio.Engine.Expressions;
using ProcessStudio.Engine.Model;

namespace ProcessStudio.Web.Ui.Designer;

/// <summary>
/// The expression scope as the designer can know it before a run: variables with their defaults, the nodes that run
/// before this one (its upstream nodes, by name; outputs unknown until a run), and pinned inputs. Nodes that run
/// later have no output yet when this node runs, so they are not offered. Used for hints only, never for evaluation.
/// </summary>
public static class DesignerScope
{
    public static ExpressionScope For(WorkflowDefinition workflow, NodeDefinition node)
    {
        var vars = new JsonObject();
        foreach (var variable in workflow.Variables) vars[variable.Name] = variable.Default?.DeepClone();
        var nodes = new JsonObject();
        var upstream = Upstream(workflow, node.Id);
        foreach (var other in workflow.Nodes.Where(n => upstream.Contains(n.Id)))
            nodes[other.Name] = new JsonObject { ["json"] = new JsonObject() };
        return new ExpressionScope()
            .Set("$input", new JsonObject())
            .Set("$json", node.PinnedInput?.DeepClone() ?? new JsonObject())
            .Set("$vars", vars)
            .Set("$node", nodes)
            .Set("$execution", new JsonObject { ["id"] = "", ["workflowId"] = workflow.Id.ToString(), ["workflowName"] = workflow.Name, ["mode"] = "manual", ["startedAt"] = "" });
    }

    /// <summary>Every node with a path of links into this one (loops back into itself included).</summary>
    public static HashSet<string> Upstream(WorkflowDefinition workflow, string nodeId)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([nodeId]);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var link in workflow.Connections.Where(c => c.TargetNodeId == current))
                if (link.SourceNodeId != nodeId && found.Add(link.SourceNodeId)) pending.Push(link.SourceNodeId);
        }
        return found;
    }
}
