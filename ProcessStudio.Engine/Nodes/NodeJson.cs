using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProcessStudio.Engine.Nodes;

/// <summary>Small conversions between setting values and CLR values that node types share.</summary>
public static class NodeJson
{
    /// <summary>A string value as is; anything else as compact JSON.</summary>
    public static string AsText(JsonNode value) =>
        value is JsonValue v && v.TryGetValue(out string? s) ? s : value.ToJsonString();

    public static string? String(JsonNode? value) => value is null ? null : AsText(value);

    /// <summary>A JSON number as a double, whatever CLR type holds it (expression results use long, parsed JSON uses elements).</summary>
    public static double? Number(JsonNode? value)
    {
        if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.Number) return null;
        if (v.TryGetValue(out double d)) return d;
        if (v.TryGetValue(out long l)) return l;
        if (v.TryGetValue(out int i)) return i;
        if (v.TryGetValue(out decimal m)) return (double)m;
        return double.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static int? Int(JsonNode? value) => value switch
    {
        JsonValue v when Number(v) is { } number => (int)number,
        JsonValue v when v.TryGetValue(out string? s) && int.TryParse(s, out var i) => i,
        _ => null,
    };

    public static bool? Bool(JsonNode? value) => value switch
    {
        JsonValue v when v.TryGetValue(out bool b) => b,
        JsonValue v when v.TryGetValue(out string? s) && bool.TryParse(s, out var b2) => b2,
        _ => null,
    };

    /// <summary>Parses text as JSON when it is JSON, otherwise returns it as a string value.</summary>
    public static JsonNode? ParseOrText(string text)
    {
        var trimmed = text.TrimStart();
        if (trimmed.Length > 0 && (trimmed[0] is '{' or '[' or '"' || char.IsDigit(trimmed[0]) || trimmed[0] == '-' ||
                                   trimmed.StartsWith("true") || trimmed.StartsWith("false") || trimmed.StartsWith("null")))
        {
            try { return JsonNode.Parse(text); }
            catch (JsonException) { }
        }
        return JsonValue.Create(text);
    }
}
