using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProcessStudio.Engine.Nodes;

/// <summary>Small conversions between setting values and CLR values that node types share.</summary>
public static class NodeJson
{
    /// <summary>A string value as is; anything else as compact JSON.</summary>
    public static string AsText(JsonNode value) =>
        value is JsonValue v && v.TryGetValue(out string? s) ? s : value.ToJsonString();

    public static bool IsTruthy(JsonNode? value) => value switch
    {
        null => false,
        JsonValue v when v.TryGetValue(out bool b) => b,
        JsonValue v when v.TryGetValue(out string? s) => !string.IsNullOrEmpty(s),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<double>() != 0,
        _ => true,
    };

    public static string? String(JsonNode? value) => value is null ? null : AsText(value);

    public static int? Int(JsonNode? value) => value switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => (int)v.GetValue<double>(),
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
