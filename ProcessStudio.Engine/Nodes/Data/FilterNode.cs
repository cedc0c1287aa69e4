using System.Text.Json.Nodes;
using ProcessStudio.Engine.Expressions;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Validation;

namespace ProcessStudio.Engine.Nodes.Data;

/// <summary>Keeps the items that match conditions on their fields, or an expression evaluated per item.</summary>
public sealed class FilterNode : NodeType
{
    public const string TypeName = "filter";

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Filter",
        Category = NodeCategory.Data,
        Description = "Keeps the items that match: field conditions (all or any) or an expression per item with $item and $index.",
        Icon = "filter",
        Settings =
        [
            DataItems.Setting,
            new("mode", "Match by", SettingKind.Select) { Options = ["conditions", "expression"], Default = "conditions", AllowsTemplates = false },
            new("conditions", "Conditions", SettingKind.ObjectList)
            {
                Required = true,
                VisibleWhen = new("mode", ["conditions"]),
                ItemFields =
                [
                    new("field", "Field", SettingKind.Text) { Required = true, AllowsTemplates = false, Placeholder = "status" },
                    new("operator", "Operator", SettingKind.Select) { Options = ItemCondition.Operators, Default = "equals", AllowsTemplates = false },
                    new("value", "Value", SettingKind.Text) { Placeholder = "paid" },
                ],
            },
            new("combine", "Combine", SettingKind.Select) { Options = ["all", "any"], Default = "all", AllowsTemplates = false, VisibleWhen = new("mode", ["conditions"]) },
            new("expression", "Keep when", SettingKind.Expression) { Required = true, VisibleWhen = new("mode", ["expression"]), Placeholder = "$item.amount > 100" },
        ],
    };

    public override IEnumerable<ValidationProblem> Validate(NodeDefinition node) => DataSettingChecks.PathsIn(node, "conditions", "field", "Field");

    public override Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var (items, _) = DataItems.Read(context, cancellationToken);
        var byExpression = NodeJson.String(context.Setting("mode")) == "expression";
        var any = NodeJson.String(context.Setting("combine")) == "any";
        var kept = new JsonArray();
        for (var i = 0; i < items.Count; i++)
        {
            var scope = ItemScope.For(context, items[i], i);
            var keep = byExpression
                ? ExpressionValues.IsTruthy(context.Expressions.Evaluate(NodeJson.String(context.Setting("expression"))!, scope, cancellationToken))
                : Matches(context, items[i], scope, any, cancellationToken);
            if (keep) kept.Add(items[i]?.DeepClone());
        }
        return Task.FromResult(NodeOutcome.Next(kept));
    }

    private static bool Matches(NodeContext context, JsonNode? item, ExpressionScope scope, bool any, CancellationToken cancellationToken)
    {
        var conditions = (ItemScope.Evaluate(context, "conditions", scope, cancellationToken) as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (conditions.Count == 0) return true;
        bool Test(JsonObject c) => ItemCondition.Test(FieldPath.Get(item, NodeJson.String(c["field"]) ?? ""),
            NodeJson.String(c["operator"]) ?? "equals", c["value"]);
        return any ? conditions.Any(Test) : conditions.All(Test);
    }
}
