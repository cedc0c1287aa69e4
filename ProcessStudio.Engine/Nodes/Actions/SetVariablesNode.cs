using System.Text.Json.Nodes;
using ProcessStudio.Engine.Validation;
using ProcessStudio.Engine.Model;

namespace ProcessStudio.Engine.Nodes.Actions;

/// <summary>Sets run variables ($vars) from templates. Outputs the values it set.</summary>
public sealed class SetVariablesNode : NodeType
{
    public const string TypeName = "set-variables";

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Set Variables",
        Category = NodeCategory.Action,
        Description = "Sets run variables. A value that is a single {{ expression }} keeps its type (number, object, ...).",
        Icon = "variable",
        Settings =
        [
            new("variables", "Variables", SettingKind.ObjectList)
            {
                Required = true,
                ItemFields =
                [
                    new("name", "Name", SettingKind.Text) { Required = true, AllowsTemplates = false },
                    new("value", "Value", SettingKind.Text) { Placeholder = "{{ $vars.count + 1 }}" },
                ],
            },
        ],
    };

    public override IEnumerable<ValidationProblem> Validate(NodeDefinition node)
    {
        var names = (node.Settings["variables"] as JsonArray ?? []).OfType<JsonObject>().Select(v => NodeJson.String(v["name"]))
            .Where(n => !string.IsNullOrEmpty(n));
        foreach (var duplicate in names.GroupBy(n => n).Where(g => g.Count() > 1))
            yield return new("setting.duplicate", $"Node '{node.Name}': variable '{duplicate.Key}' is set more than once.", node.Id, "variables");
    }

    public override Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var settings = context.Setting("variables") as JsonArray ?? [];
        var values = new Dictionary<string, JsonNode?>(settings.Count, StringComparer.Ordinal);
        foreach (var setting in settings)
        {
            if (setting is not JsonObject item) continue;
            var name = NodeJson.String(item["name"]) ?? throw new NodeFailedException("A variable has no name.", "InvalidSettings");
            values[name] = context.Expressions.EvaluateDeep(item["value"], context.Scope, cancellationToken);
        }
        // Each value is a new node: the output takes it as it is, and the run copies it into $vars when it applies the outcome.
        var output = new JsonObject();
        foreach (var (name, value) in values) output[name] = value;
        return Task.FromResult(NodeOutcome.Next(output).WithVariables(values));
    }
}
