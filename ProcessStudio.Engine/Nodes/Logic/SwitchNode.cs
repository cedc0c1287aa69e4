using System.Text.Json.Nodes;
using ProcessStudio.Engine.Expressions;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Validation;

namespace ProcessStudio.Engine.Nodes.Logic;

/// <summary>Routes to the port of the first matching case, or of every matching case, or to <c>default</c>.</summary>
public sealed class SwitchNode : NodeType
{
    public const string TypeName = "switch";
    public const string DefaultPort = "default";

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Switch",
        Category = NodeCategory.Logic,
        Description = "Each case has a name (its port) and a condition. Routes to the first matching case or to all of them; default when none match.",
        Icon = "arrows-split",
        Outputs = [new(DefaultPort, "Default")],
        Settings =
        [
            new("mode", "Mode", SettingKind.Select) { Options = ["firstMatch", "allMatches"], Default = "firstMatch", AllowsTemplates = false },
            new("cases", "Cases", SettingKind.ObjectList)
            {
                Required = true,
                ItemFields =
                [
                    new("name", "Name", SettingKind.Text) { Required = true, AllowsTemplates = false },
                    new("condition", "Condition", SettingKind.Expression) { Required = true },
                ],
            },
        ],
    };

    public override IReadOnlyList<PortDescriptor> OutputPorts(NodeDefinition node) =>
        [.. CaseNames(node).Distinct().Select(name => new PortDescriptor(name, name)), .. Descriptor.Outputs];

    public override IEnumerable<ValidationProblem> Validate(NodeDefinition node)
    {
        var names = CaseNames(node).ToList();
        foreach (var duplicate in names.GroupBy(n => n).Where(g => g.Count() > 1))
            yield return new("setting.duplicate", $"Node '{node.Name}': case '{duplicate.Key}' appears more than once.", node.Id, "cases");
        if (names.Contains(DefaultPort))
            yield return new("setting.invalid", $"Node '{node.Name}': a case cannot be named '{DefaultPort}'.", node.Id, "cases");
    }

    public override Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var allMatches = NodeJson.String(context.Setting("mode")) == "allMatches";
        var matched = new List<string>();
        foreach (var item in Cases(context.Node))
        {
            var condition = NodeJson.String(item["condition"]) ?? "false";
            if (!ExpressionValues.IsTruthy(context.Evaluate(condition, cancellationToken))) continue;
            matched.Add(NodeJson.String(item["name"])!);
            if (!allMatches) break;
        }
        if (matched.Count == 0) matched.Add(DefaultPort);
        return Task.FromResult(NodeOutcome.Route(context.Input?.DeepClone(), matched));
    }

    private static IEnumerable<JsonObject> Cases(NodeDefinition node) => (node.Settings["cases"] as JsonArray ?? []).OfType<JsonObject>();

    private static IEnumerable<string> CaseNames(NodeDefinition node) =>
        Cases(node).Select(c => NodeJson.String(c["name"])).Where(n => !string.IsNullOrEmpty(n))!;
}
