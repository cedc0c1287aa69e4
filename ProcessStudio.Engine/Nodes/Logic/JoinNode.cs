using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Validation;

namespace ProcessStudio.Engine.Nodes.Logic;

/// <summary>
/// Waits for all, the first, or N of its incoming branches. The run loop hands it an object of the arrivals it fires
/// with, keyed by source node name; a branch that can no longer deliver counts as arrived, so a join after an If never
/// deadlocks. Arrivals beyond one per link wait for the next firing (see docs/engine.md, "Joins").
/// </summary>
public sealed class JoinNode : NodeType
{
    public const string TypeName = "join";

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Merge / Join",
        Category = NodeCategory.Logic,
        Description = "Waits for all incoming branches (output: their outputs by node name), the first one, or N of them; onRemaining says what happens to the others.",
        Icon = "git-merge",
        Settings =
        [
            new("mode", "Mode", SettingKind.Select) { Options = ["all", "first", "n"], Default = "all", AllowsTemplates = false },
            new("count", "Arrivals needed", SettingKind.Integer) { Default = 2, Min = 1, Max = 10_000, VisibleWhen = new("mode", ["n"]) },
            new("onRemaining", "Remaining branches", SettingKind.Select)
            {
                Options = ["wait", "cancel", "ignore"], Default = "wait", AllowsTemplates = false, VisibleWhen = new("mode", ["first", "n"]),
            },
        ],
    };

    public override JoinMode? Join(NodeDefinition node) => NodeJson.String(node.Settings["mode"]) == "first" ? JoinMode.First : JoinMode.All;

    public override JoinRule JoinRule(NodeDefinition node)
    {
        var remaining = NodeJson.String(node.Settings["onRemaining"]) switch
        {
            "cancel" => JoinRemaining.Cancel,
            "ignore" => JoinRemaining.Ignore,
            _ => JoinRemaining.Wait,
        };
        return NodeJson.String(node.Settings["mode"]) switch
        {
            "first" => new(1, remaining),
            "n" => new(NodeJson.Int(node.Settings["count"]) ?? 2, remaining),
            _ => Nodes.JoinRule.All,
        };
    }

    public override IEnumerable<ValidationProblem> ValidateShape(NodeDefinition node, WorkflowDefinition workflow)
    {
        var incoming = workflow.Connections.Where(c => c.TargetNodeId == node.Id).ToList();
        var rule = JoinRule(node);
        if (rule.Count is { } count && count > incoming.Count)
            yield return new("join.count", $"Join '{node.Name}' needs {count} arrivals but has {incoming.Count} incoming link(s); it could never fire.", node.Id, "count");
        if (rule.Count is not null) yield break;
        // An 'all' join fed from its own downstream waits for an arrival that can only come after it fired.
        var downstream = WorkflowLinks.Downstream(workflow, node.Id);
        foreach (var link in incoming.Where(c => downstream.Contains(c.SourceNodeId)))
        {
            var source = workflow.FindNode(link.SourceNodeId)?.Name ?? link.SourceNodeId;
            yield return new("join.cycle", $"Join '{node.Name}' (mode all) waits for '{source}', which only runs after the join: the link closes a cycle, " +
                "so the join could never fire. Use mode 'first' or 'n', or close the cycle before the join.", node.Id, "mode", link.Id);
        }
    }

    public override Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var arrived = context.Input as JsonObject ?? [];
        var output = NodeJson.String(context.Node.Settings["mode"]) == "first" ? arrived.FirstOrDefault().Value?.DeepClone() : arrived.DeepClone();
        return Task.FromResult(NodeOutcome.Next(output));
    }
}
