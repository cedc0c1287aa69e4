using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;

namespace ProcessStudio.Engine.Nodes.Logic;

/// <summary>
/// Waits for all (or the first) of its incoming branches. The orchestrator hands it an object of the arrived outputs
/// keyed by source node name; a branch that can no longer arrive counts as arrived, so a join after an If never deadlocks.
/// </summary>
public sealed class JoinNode : NodeType
{
    public const string TypeName = "join";

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Merge / Join",
        Category = NodeCategory.Logic,
        Description = "Waits for all incoming branches (output: their outputs by node name) or continues with the first one to arrive.",
        Icon = "git-merge",
        Settings = [new("mode", "Mode", SettingKind.Select) { Options = ["all", "first"], Default = "all", AllowsTemplates = false }],
    };

    public override JoinMode? Join(NodeDefinition node) => NodeJson.String(node.Settings["mode"]) == "first" ? JoinMode.First : JoinMode.All;

    public override Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var arrived = context.Input as JsonObject ?? [];
        var output = Join(context.Node) == JoinMode.First ? arrived.FirstOrDefault().Value?.DeepClone() : arrived.DeepClone();
        return Task.FromResult(NodeOutcome.Next(output));
    }
}
