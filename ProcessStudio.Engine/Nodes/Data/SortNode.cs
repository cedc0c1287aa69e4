using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Validation;

namespace ProcessStudio.Engine.Nodes.Data;

/// <summary>Sorts items by one or more fields, each ascending or descending, comparing by type (<see cref="JsonOrder"/>).</summary>
public sealed class SortNode : NodeType
{
    public const string TypeName = "sort";

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Sort",
        Category = NodeCategory.Data,
        Description = "Sorts items by one or more fields, ascending or descending: numbers as numbers, ISO dates in time, text ignoring case; empty values last.",
        Icon = "arrow-down-up",
        Settings =
        [
            DataItems.Setting,
            new("keys", "Sort by", SettingKind.ObjectList)
            {
                Required = true,
                ItemFields =
                [
                    new("field", "Field", SettingKind.Text) { Required = true, AllowsTemplates = false, Placeholder = "createdAt" },
                    new("direction", "Direction", SettingKind.Select) { Options = ["asc", "desc"], Default = "asc", AllowsTemplates = false },
                ],
            },
        ],
    };

    public override IEnumerable<ValidationProblem> Validate(NodeDefinition node) => DataSettingChecks.PathsIn(node, "keys", "field", "Field");

    public override Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var (items, _) = DataItems.Read(context, cancellationToken);
        var keys = (context.Setting("keys") as JsonArray ?? []).OfType<JsonObject>()
            .Select(k => (Field: NodeJson.String(k["field"]) ?? "", Descending: NodeJson.String(k["direction"]) == "desc"))
            .ToList();
        // OrderBy is stable: items that compare equal keep their input order.
        var sorted = items.OrderBy(i => i, new ItemComparer(keys)).Select(i => i?.DeepClone());
        return Task.FromResult(NodeOutcome.Next(new JsonArray([.. sorted])));
    }

    private sealed class ItemComparer(IReadOnlyList<(string Field, bool Descending)> keys) : IComparer<JsonNode?>
    {
        public int Compare(JsonNode? a, JsonNode? b)
        {
            foreach (var (field, descending) in keys)
            {
                var (x, y) = (FieldPath.Get(a, field), FieldPath.Get(b, field));
                var (missingX, missingY) = (JsonOrder.IsMissing(x), JsonOrder.IsMissing(y));
                if (missingX || missingY)
                {
                    if (missingX != missingY) return missingX ? 1 : -1;   // empty values last, whatever the direction
                    continue;
                }
                var result = JsonOrder.Instance.Compare(x, y);
                if (result != 0) return descending ? -result : result;
            }
            return 0;
        }
    }
}
