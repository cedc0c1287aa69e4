using System.Globalization;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Expressions;

namespace ProcessStudio.Engine.Nodes.Data;

/// <summary>One row of Aggregate's settings: an operation over one field of a group's items.</summary>
public sealed record Aggregation(string Operation, string Field, string OutputName)
{
    public static readonly IReadOnlyList<string> Operations = ["count", "sum", "avg", "min", "max", "first", "last", "collect"];

    public bool NeedsField => Operation != "count";

    public static Aggregation From(JsonObject row)
    {
        var operation = NodeJson.String(row["operation"]) is { Length: > 0 } op ? op : "count";
        var field = NodeJson.String(row["field"])?.Trim() ?? "";
        var name = NodeJson.String(row["as"]) is { Length: > 0 } named ? named
            : field.Length == 0 ? operation : $"{operation}_{FieldPath.LastName(field)}";
        return new Aggregation(operation, field, name);
    }

    /// <summary>The value for one group. Missing and null values are left out of every operation except count of items.</summary>
    public JsonNode? Compute(IReadOnlyList<JsonNode?> items)
    {
        var values = Field.Length == 0 ? [] : items.Select(i => FieldPath.Get(i, Field)).Where(v => v is not null).ToList();
        return Operation switch
        {
            "count" => JsonValue.Create(Field.Length == 0 ? items.Count : values.Count),
            "sum" => ExpressionValues.Number(Numbers(values).Sum()),
            "avg" => values.Count == 0 ? null : ExpressionValues.Number(Numbers(values).Average()),
            "min" => values.Count == 0 ? null : values.Select(NumberIfNumeric).Min(JsonOrder.Instance)?.DeepClone(),
            "max" => values.Count == 0 ? null : values.Select(NumberIfNumeric).Max(JsonOrder.Instance)?.DeepClone(),
            "first" => values.FirstOrDefault()?.DeepClone(),
            "last" => values.LastOrDefault()?.DeepClone(),
            "collect" => new JsonArray([.. values.Select(v => v?.DeepClone())]),
            _ => throw new NodeFailedException($"Unknown aggregation '{Operation}'; use one of: {string.Join(", ", Operations)}.", "InvalidSettings"),
        };
    }

    /// <summary>Text that reads as a number compares as one (CSV gives text), so "60.5" is less than 100.</summary>
    private static JsonNode? NumberIfNumeric(JsonNode? value) =>
        ExpressionValues.TryGetString(value, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? ExpressionValues.Number(number)
            : value;

    /// <summary>Numbers, or text that reads as one (CSV gives text): anything else fails, naming the field and value.</summary>
    private IEnumerable<double> Numbers(List<JsonNode?> values)
    {
        foreach (var value in values)
        {
            if (NodeJson.Number(value) is { } number) yield return number;
            else if (ExpressionValues.TryGetString(value, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
                yield return parsed;
            else
                throw new NodeFailedException($"'{Operation}' of '{Field}' needs numbers, but one item has {ExpressionValues.TypeName(value)} {ExpressionValues.ToJson(value)}.",
                    "InvalidItems");
        }
    }
}
