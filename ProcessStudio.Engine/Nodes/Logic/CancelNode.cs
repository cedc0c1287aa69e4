using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Validation;

namespace ProcessStudio.Engine.Nodes.Logic;

/// <summary>
/// Cancels part of the running workflow and continues: a named group (region), the branch that starts at a node (the
/// node and everything downstream of it), or one node (a running For Each or Loop with its iterations). Cancelled work
/// is recorded as cancelled; joins waiting for it count it as arrived.
/// </summary>
public sealed class CancelNode : NodeType
{
    public const string TypeName = "cancel";

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Cancel",
        Category = NodeCategory.Logic,
        Description = "Cancels a group, the branch starting at a node, or one node (e.g. a running For Each), then continues with its input.",
        Icon = "ban",
        Settings =
        [
            new("target", "Cancel", SettingKind.Select) { Options = ["branch", "node", "group"], Default = "branch", AllowsTemplates = false },
            new("node", "Node", SettingKind.Text) { Placeholder = "Fetch orders", VisibleWhen = new("target", ["branch", "node"]), AllowsTemplates = false },
            new("group", "Group", SettingKind.Text) { Placeholder = "Payments", VisibleWhen = new("target", ["group"]), AllowsTemplates = false },
        ],
    };

    public override IEnumerable<ValidationProblem> ValidateShape(NodeDefinition node, WorkflowDefinition workflow)
    {
        if (Target(node) == "group")
        {
            var name = NodeJson.String(node.Settings["group"]);
            if (string.IsNullOrWhiteSpace(name))
                yield return new("setting.required", $"Cancel '{node.Name}' needs the name of the group to cancel.", node.Id, "group");
            else if (workflow.Groups?.Exists(g => g.Name == name) != true)
                yield return new("cancel.unknown-target", $"Cancel '{node.Name}' names group '{name}', which the workflow does not have.", node.Id, "group");
            yield break;
        }
        var target = NodeJson.String(node.Settings["node"]);
        if (string.IsNullOrWhiteSpace(target))
            yield return new("setting.required", $"Cancel '{node.Name}' needs the name of the node to cancel.", node.Id, "node");
        else if (Find(workflow, target) is null)
            yield return new("cancel.unknown-target", $"Cancel '{node.Name}' names node '{target}', which the workflow does not have.", node.Id, "node");
        else if (Find(workflow, target)!.Id == node.Id)
            yield return new("cancel.unknown-target", $"Cancel '{node.Name}' cannot cancel itself.", node.Id, "node");
    }

    public override Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var target = Target(context.Node) switch
        {
            "group" => Group(context),
            var mode => Node(context, downstream: mode == "branch"),
        };
        return Task.FromResult(NodeOutcome.Next(context.Input?.DeepClone()).Cancelling(target));
    }

    private static CancelTarget Group(NodeContext context)
    {
        var name = NodeJson.String(context.Node.Settings["group"]);
        var group = context.Workflow.Groups?.Find(g => g.Name == name)
            ?? throw new NodeFailedException($"Cancel '{context.Node.Name}': the workflow has no group '{name}'.", "UnknownTarget");
        return new CancelTarget(group.Nodes, Downstream: false, $"group '{group.Name}'");
    }

    private static CancelTarget Node(NodeContext context, bool downstream)
    {
        var name = NodeJson.String(context.Node.Settings["node"]) ?? "";
        var node = Find(context.Workflow, name)
            ?? throw new NodeFailedException($"Cancel '{context.Node.Name}': the workflow has no node '{name}'.", "UnknownTarget");
        return new CancelTarget([node.Id], downstream, downstream ? $"the branch from '{node.Name}'" : $"node '{node.Name}'");
    }

    private static string Target(NodeDefinition node) => NodeJson.String(node.Settings["target"]) ?? "branch";

    /// <summary>Nodes are named by name (what people see) or by id.</summary>
    private static NodeDefinition? Find(WorkflowDefinition workflow, string nameOrId) =>
        workflow.Nodes.Find(n => n.Name == nameOrId) ?? workflow.FindNode(nameOrId);
}
