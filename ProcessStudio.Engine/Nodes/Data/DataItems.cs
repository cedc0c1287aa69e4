using System.Text.Json.Nodes;
using ProcessStudio.Engine.Expressions;

namespace ProcessStudio.Engine.Nodes.Data;

/// <summary>
/// The one convention every Data node follows to find the items it works on: the setting <c>items</c>, a plain
/// expression that defaults to <c>$json</c> (the node's input). An array is the list of items; a single object is one
/// item; null (or a missing path) is no items. Anything else (text, a number) fails the node, naming the setting.
/// </summary>
public static class DataItems
{
    public const string SettingName = "items";
    public const string DefaultExpression = "$json";

    public static SettingDescriptor Setting { get; } = new(SettingName, "Items", SettingKind.Expression)
    {
        Default = DefaultExpression,
        Placeholder = "$json.orders",
        Description = "Where the items are: an expression giving an array (or one object). Empty means the node's input ($json).",
    };

    /// <summary>The items and whether they came as one object (nodes that change items one by one give back one object then).</summary>
    public static (JsonArray Items, bool WasSingle) Read(NodeContext context, CancellationToken cancellationToken)
    {
        var expression = NodeJson.String(context.Setting(SettingName)) is { Length: > 0 } text ? text : DefaultExpression;
        return From(context.Evaluate(expression, cancellationToken), $"Items ('{expression}')");
    }

    /// <summary>Items from a value that is an array, one object or null; <paramref name="what"/> names it in the error.</summary>
    public static (JsonArray Items, bool WasSingle) From(JsonNode? value, string what) => value switch
    {
        JsonArray array => (array.DeepClone().AsArray(), false),
        JsonObject item => (new JsonArray(item.DeepClone()), true),
        null => ([], false),
        _ => throw new NodeFailedException(
            $"{what} must be an array of items or one object, but gave {ExpressionValues.TypeName(value)} {Preview(value)}.", "InvalidItems"),
    };

    /// <summary>What a node that changes items one by one outputs: one object when it was given one, else the array.</summary>
    public static JsonNode? Output(JsonArray items, bool wasSingle) => wasSingle && items.Count == 1 ? items[0]?.DeepClone() : items;

    /// <summary>
    /// A value setting (JSON, XML and CSV text, file content) rendered, or the node's input when it is not set, so a
    /// node placed after one that outputs text or data works without settings.
    /// </summary>
    public static JsonNode? ValueOrInput(NodeContext context, string setting, CancellationToken cancellationToken) =>
        context.Setting(setting) is null ? context.Input?.DeepClone() : context.Evaluated(setting, cancellationToken);

    private static string Preview(JsonNode value)
    {
        var json = value.ToJsonString();
        return json.Length <= 60 ? json : json[..57] + "...";
    }
}
