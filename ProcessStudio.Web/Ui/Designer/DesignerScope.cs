using System.Text.Json.Nodes;
using ProcessStudio.Engine.Expressions;
using ProcessStudio.Engine.Model;

namespace ProcessStudio.Web.Ui.Designer;

/// <summary>
/// The expression scope as the designer can know it before a run: variables with their defaults, the nodes that run
/// before this one (its upstream nodes, by name) and the values they had. Values come from pinned data first (the
/// node's pinned input, upstream pinned outputs), then from the latest run (<see cref="RunSample"/>); unknown values
/// are empty objects. Nodes that run later have no output yet when this node runs, so they are not offered. Used for
/// hints and for previews, never for a real run.
/// </summary>
public static class DesignerScope
{
    public static ExpressionScope For(WorkflowDefinition workflow, NodeDefinition node, RunSample? sample = null)
    {
        sample ??= RunSample.None;
        var vars = new JsonObject();
        foreach (var variable in workflow.Variables) vars[variable.Name] = variable.Default?.DeepClone();
        var nodes = new JsonObject();
        var upstream = Upstream(workflow, node.Id);
        foreach (var other in workflow.Nodes.Where(n => upstream.Contains(n.Id)))
            nodes[other.Name] = (other.PinnedOutput ?? sample.Outputs.GetValueOrDefault(other.Id))?.DeepClone() ?? new JsonObject();
        var scope = new ExpressionScope()
            .Set("$input", sample.TriggerInput?.DeepClone() ?? new JsonObject())
            .Set("$json", CurrentInput(workflow, node, sample)?.DeepClone() ?? new JsonObject())
            .Set("$vars", vars)
            .Set("$node", nodes)
            .Set("$execution", new JsonObject
            {
                ["id"] = sample.ExecutionId?.ToString() ?? "", ["workflowId"] = workflow.Id.ToString(), ["workflowName"] = workflow.Name,
                ["mode"] = "test", ["startedAt"] = "", ["correlationId"] = "",
            });
        if (UndoneBy(workflow, node.Id, upstream) is { } undone) scope.Set("$compensating", Compensating(undone, sample));
        return scope;
    }

    /// <summary>The node whose compensating path this node is on (it reads <c>$compensating</c> in a rollback), if any.</summary>
    private static NodeDefinition? UndoneBy(WorkflowDefinition workflow, string nodeId, HashSet<string> upstream) =>
        workflow.Connections
            .Where(c => c.SourcePort == Engine.Nodes.PortDescriptor.Compensate.Name && (c.TargetNodeId == nodeId || upstream.Contains(c.TargetNodeId)))
            .Select(c => workflow.FindNode(c.SourceNodeId))
            .FirstOrDefault(n => n is { Policy.Compensate: true });

    /// <summary>What a rollback hands the path: the undone node's input and output as pinned or last run, and placeholders.</summary>
    private static JsonObject Compensating(NodeDefinition undone, RunSample sample) => new()
    {
        ["nodeId"] = undone.Id,
        ["nodeName"] = undone.Name,
        ["input"] = (undone.PinnedInput ?? sample.Inputs.GetValueOrDefault(undone.Id))?.DeepClone() ?? new JsonObject(),
        ["output"] = (undone.PinnedOutput ?? sample.Outputs.GetValueOrDefault(undone.Id))?.DeepClone() ?? new JsonObject(),
        ["reason"] = "failure",
        ["error"] = "",
        ["key"] = "",
    };

    /// <summary>What the node would get as $json: its pinned input, else the pinned output of the one node linked into it, else the last run's.</summary>
    private static JsonNode? CurrentInput(WorkflowDefinition workflow, NodeDefinition node, RunSample sample)
    {
        if (node.PinnedInput is not null) return node.PinnedInput;
        var sources = workflow.Connections.Where(c => c.TargetNodeId == node.Id).Select(c => c.SourceNodeId).Distinct().ToList();
        if (sources.Count == 1 && workflow.FindNode(sources[0])?.PinnedOutput is { } pinned) return pinned;
        return sample.Inputs.GetValueOrDefault(node.Id);
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
