using System.Text.Json.Nodes;
using ProcessStudio.Engine.Expressions;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Validation;

namespace ProcessStudio.Engine.Nodes.Data;

/// <summary>Turns an array field of each item into items of their own, optionally keeping the other fields of the parent.</summary>
public sealed class SplitOutNode : NodeType
{
    public const string TypeName = "split-out";

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Split Out",
        Category = NodeCategory.Data,
        Description = "Turns a list inside each item (e.g. order lines) into separate items, optionally keeping the parent's other fields.",
        Icon = "ungroup",
        Settings =
        [
            DataItems.Setting,
            new("field", "Field to split out", SettingKind.Text) { Required = true, AllowsTemplates = false, Placeholder = "lines" },
            new("include", "Include", SettingKind.Select)
            {
                Options = ["none", "parent"], Default = "none", AllowsTemplates = false,
                Description = "none: each element alone; parent: the parent's other fields plus the element under 'Element name'.",
            },
            new("as", "Element name", SettingKind.Text)
            {
                AllowsTemplates = false, Placeholder = "line",
                Description = "Field that holds an element that is not an object (or every element, with 'parent'). Default: the split field's name.",
            },
        ],
    };

    public override IEnumerable<ValidationProblem> Validate(NodeDefinition node) => DataSettingChecks.Path(node, "field", "Field to split out");

    public override Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var (items, _) = DataItems.Read(context, cancellationToken);
        var field = NodeJson.String(context.Setting("field"))!;
        var name = NodeJson.String(context.Setting("as")) is { Length: > 0 } named ? named : FieldPath.LastName(field);
        var withParent = NodeJson.String(context.Setting("include")) == "parent";
        var output = new JsonArray();
        for (var i = 0; i < items.Count; i++)
        {
            var list = FieldPath.Get(items[i], field);
            if (list is null) continue;   // an item without the list contributes nothing
            if (list is not JsonArray elements)
                throw new NodeFailedException($"Item {i + 1}: '{field}' must be an array to split out, but is {ExpressionValues.TypeName(list)}.", "InvalidItems");
            foreach (var element in elements)
                output.Add(Split(items[i], field, name, element, withParent));
        }
        return Task.FromResult(NodeOutcome.Next(output));
    }

    private static JsonNode? Split(JsonNode? parent, string field, string name, JsonNode? element, bool withParent)
    {
        if (!withParent) return element is JsonObject ? element.DeepClone() : new JsonObject { [name] = element?.DeepClone() };
        var item = parent is JsonObject obj ? obj.DeepClone().AsObject() : [];
        FieldPath.Remove(item, field);
        item[name] = element?.DeepClone();
        return item;
    }
}
