using System.Text.Json.Nodes;
using ProcessStudio.Engine.Expressions;

namespace ProcessStudio.Engine.Nodes.Data;

/// <summary>
/// Nodes that compute one value per item (Date &amp; Time, Crypto) write it into the item at <c>outputField</c>, or
/// replace the item with it when that setting is empty. One object in gives one object out; an array gives an array.
/// </summary>
public static class PerItem
{
    public const string OutputSettingName = "outputField";

    public static SettingDescriptor OutputSetting { get; } = new(OutputSettingName, "Output field", SettingKind.Text)
    {
        Default = "result",
        AllowsTemplates = false,
        Placeholder = "result",
        Description = "Field of each item that gets the result (a path such as dates.due works). Empty: the item is replaced by the result.",
    };

    /// <summary>The output field must be a dot path of names (no indexes): results are written there, creating objects on the way.</summary>
    public static IEnumerable<Validation.ValidationProblem> Validate(Model.NodeDefinition node) =>
        NodeJson.String(node.Settings[OutputSettingName]) is { Length: > 0 } field && (!FieldPath.IsValid(field) || field.Contains('['))
            ? [new("setting.invalid", $"Node '{node.Name}': 'Output field' must be a field name or a dot path such as dates.due, not '{field}'.", node.Id, OutputSettingName)]
            : [];

    public static NodeOutcome Apply(NodeContext context, CancellationToken cancellationToken, Func<ExpressionScope, JsonNode?> compute)
    {
        var (items, wasSingle) = DataItems.Read(context, cancellationToken);
        var field = NodeJson.String(context.Setting(OutputSettingName)) ?? "result";
        var output = new JsonArray();
        for (var i = 0; i < items.Count; i++)
        {
            JsonNode? result;
            try { result = compute(ItemScope.For(context, items[i], i)); }
            catch (NodeFailedException e) when (items.Count > 1 || !wasSingle)
            {
                throw new NodeFailedException($"Item {i + 1}: {e.Message}", e.ErrorType, e.Details, e);
            }
            if (field.Length == 0) output.Add(result);
            else
            {
                var item = items[i] is JsonObject obj ? obj.DeepClone().AsObject() : new JsonObject { ["value"] = items[i]?.DeepClone() };
                FieldPath.Set(item, field, result);
                output.Add(item);
            }
        }
        return NodeOutcome.Next(DataItems.Output(output, wasSingle));
    }
}
