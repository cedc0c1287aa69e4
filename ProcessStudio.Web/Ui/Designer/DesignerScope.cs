using System.Text.Json.Nodes;
using ProcessStudio.Engine.Expressions;
using ProcessStudio.Engine.Model;

namespace ProcessStudio.Web.Ui.Designer;

/// <summary>
/// The expression scope as the designer can know it before a run: variables with their defaults, every other node by
/// name (outputs unknown until a run), and pinned inputs. Used for hints only, never for evaluation.
/// </summary>
public static class DesignerScope
{
    public static ExpressionScope For(WorkflowDefinition workflow, NodeDefinition node)
    {
        var vars = new JsonObject();
        foreach (var variable in workflow.Variables) vars[variable.Name] = variable.Default?.DeepClone();
        var nodes = new JsonObject();
        foreach (var other in workflow.Nodes.Where(n => n.Id != node.Id))
            nodes[other.Name] = new JsonObject { ["json"] = new JsonObject() };
        return new ExpressionScope()
            .Set("$input", new JsonObject())
            .Set("$json", node.PinnedInput?.DeepClone() ?? new JsonObject())
            .Set("$vars", vars)
            .Set("$node", nodes)
            .Set("$execution", new JsonObject { ["id"] = "", ["workflowId"] = workflow.Id.ToString(), ["workflowName"] = workflow.Name, ["mode"] = "manual", ["startedAt"] = "" });
    }
}
