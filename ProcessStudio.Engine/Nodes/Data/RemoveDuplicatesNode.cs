using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Validation;

namespace ProcessStudio.Engine.Nodes.Data;

/// <summary>Drops items equal to an earlier one: the whole item, or only the chosen fields. The first occurrence stays.</summary>
public sealed class RemoveDuplicatesNode : NodeType
{
    public const string TypeName = "remove-duplicates";

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Remove Duplicates",
        Category = NodeCategory.Data,
        Description = "Drops items that repeat an earlier one, comparing the whole item or only some fields; the first occurrence is kept.",
        Icon = "copy-minus",
        Settings =
        [
            DataItems.Setting,
            new("compare", "Compare", SettingKind.Select) { Options = ["all", "fields"], Default = "all", AllowsTemplates = false },
            new("fields", "Fields", SettingKind.StringList) { Required = true, VisibleWhen = new("compare", ["fields"]), Placeholder = "email" },
        ],
    };

    public override IEnumerable<ValidationProblem> Validate(NodeDefinition node) => DataSettingChecks.PathList(node, "fields", "Fields");

    public override Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var (items, _) = DataItems.Read(context, cancellationToken);
        var fields = NodeJson.String(context.Setting("compare")) == "fields" ? ItemKeys.Fields(context.Setting("fields")) : [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unique = new JsonArray();
        foreach (var item in items)
            if (seen.Add(ItemKeys.Of(item, fields)))
                unique.Add(item?.DeepClone());
        if (unique.Count < items.Count)
            context.Log(Microsoft.Extensions.Logging.LogLevel.Debug, $"Removed {items.Count - unique.Count} duplicate item(s) of {items.Count}.");
        return Task.FromResult(NodeOutcome.Next(unique));
    }
}
