using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Validation;

namespace ProcessStudio.Engine.Nodes.Data;

/// <summary>
/// Summarises items, optionally in groups: one output item per group with the group's key fields and one value per
/// aggregation (count, sum, avg, min, max, first, last, collect). Without group fields the output is one item.
/// </summary>
public sealed class AggregateNode : NodeType
{
    public const string TypeName = "aggregate";

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Aggregate / Summarize",
        Category = NodeCategory.Data,
        Description = "Groups items by fields and computes count, sum, avg, min, max, first, last or collect per field: one item per group.",
        Icon = "sigma",
        Settings =
        [
            DataItems.Setting,
            new("groupBy", "Group by", SettingKind.StringList) { Placeholder = "customer", Description = "Fields whose values form a group; empty for one summary of all items." },
            new("aggregations", "Aggregations", SettingKind.ObjectList)
            {
                Required = true,
                ItemFields =
                [
                    new("operation", "Operation", SettingKind.Select) { Options = Aggregation.Operations, Default = "count", AllowsTemplates = false },
                    new("field", "Field", SettingKind.Text) { AllowsTemplates = false, Placeholder = "amount", Description = "Not needed for count (counts items)." },
                    new("as", "Output name", SettingKind.Text) { AllowsTemplates = false, Placeholder = "total", Description = "Default: operation_field, e.g. sum_amount." },
                ],
            },
        ],
    };

    public override IEnumerable<ValidationProblem> Validate(NodeDefinition node)
    {
        foreach (var problem in DataSettingChecks.PathList(node, "groupBy", "Group by").Concat(DataSettingChecks.PathsIn(node, "aggregations", "field", "Field")))
            yield return problem;
        var rows = (node.Settings["aggregations"] as JsonArray ?? []).OfType<JsonObject>().Select(Aggregation.From).ToList();
        for (var i = 0; i < rows.Count; i++)
            if (rows[i].NeedsField && rows[i].Field.Length == 0)
                yield return new("setting.required", $"Node '{node.Name}': '{rows[i].Operation}' in row {i + 1} needs a field.", node.Id, $"aggregations[{i}].field");
        foreach (var duplicate in rows.GroupBy(r => r.OutputName).Where(g => g.Count() > 1))
            yield return new("setting.duplicate", $"Node '{node.Name}': output name '{duplicate.Key}' is used more than once.", node.Id, "aggregations");
    }

    public override Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var (items, _) = DataItems.Read(context, cancellationToken);
        var groupBy = ItemKeys.Fields(context.Setting("groupBy"));
        var aggregations = (context.Setting("aggregations") as JsonArray ?? []).OfType<JsonObject>().Select(Aggregation.From).ToList();

        // Groups in order of their first item, so the output is stable.
        var groups = new Dictionary<string, List<JsonNode?>>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var key = groupBy.Count == 0 ? "" : ItemKeys.Of(item, groupBy);
            if (!groups.TryGetValue(key, out var members)) groups[key] = members = [];
            members.Add(item);
        }
        if (groups.Count == 0 && groupBy.Count == 0) groups[""] = [];   // a summary of no items is still one item (count 0)

        var output = new JsonArray();
        foreach (var members in groups.Values)
        {
            var summary = new JsonObject();
            foreach (var field in groupBy) FieldPath.Set(summary, field, FieldPath.Get(members[0], field)?.DeepClone());
            foreach (var aggregation in aggregations) summary[aggregation.OutputName] = aggregation.Compute(members);
            output.Add(summary);
        }
        return Task.FromResult(NodeOutcome.Next(output));
    }
}
