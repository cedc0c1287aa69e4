using System.Text.Json.Nodes;

namespace ProcessStudio.Engine.Nodes.Data;

/// <summary>Keys that say when two items are "the same" (Remove Duplicates, Aggregate groups, Merge by key).</summary>
public static class ItemKeys
{
    /// <summary>The values at <paramref name="fields"/> as one comparable text; the whole item when no fields are given.</summary>
    public static string Of(JsonNode? item, IReadOnlyList<string> fields)
    {
        if (fields.Count == 0) return Canonical(item);
        var values = new JsonArray();
        foreach (var field in fields) values.Add(FieldPath.Get(item, field)?.DeepClone());
        return Canonical(values);
    }

    /// <summary>Compact JSON with object properties in name order, so {a,b} and {b,a} give the same key.</summary>
    private static string Canonical(JsonNode? value) => Sorted(value)?.ToJsonString() ?? "null";

    private static JsonNode? Sorted(JsonNode? value) => value switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Sorted)]),
        _ => value?.DeepClone(),
    };

    /// <summary>A list of field names from a StringList setting (blank entries dropped).</summary>
    public static IReadOnlyList<string> Fields(JsonNode? setting) =>
        (setting as JsonArray ?? []).Select(NodeJson.String).Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => f!.Trim()).ToList();
}
