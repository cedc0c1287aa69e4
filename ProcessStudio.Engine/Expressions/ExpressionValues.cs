using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProcessStudio.Engine.Expressions;

/// <summary>
/// The value semantics of the expression language (truthiness, equality, display text), shared with the engine
/// so that an If node and a template agree on what "true" and "text" mean.
/// </summary>
public static class ExpressionValues
{
    private const double MaxSafeInteger = 9007199254740991;

    private static readonly JsonSerializerOptions CompactJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>JavaScript-like truthiness: null, false, 0 and "" are false; everything else (including [] and {}) is true.</summary>
    public static bool IsTruthy(JsonNode? value) => value switch
    {
        null => false,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.False or JsonValueKind.Null => false,
            JsonValueKind.Number => TryGetNumber(v, out var n) && n != 0 && !double.IsNaN(n),
            JsonValueKind.String => GetString(v).Length > 0,
            _ => true,
        },
        _ => true,
    };

    /// <summary>Text for templates and concatenation: strings as is, null as "", numbers invariant, objects and arrays as compact JSON.</summary>
    public static string ToDisplayString(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => GetString(v),
            JsonValueKind.Number => TryGetNumber(v, out var n) ? FormatNumber(n) : v.ToJsonString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Null => "",
            _ => v.ToJsonString(CompactJson),
        },
        _ => value.ToJsonString(CompactJson),
    };

    /// <summary>Compact JSON text of a value ("null" for null).</summary>
    public static string ToJson(JsonNode? value) => value?.ToJsonString(CompactJson) ?? "null";

    /// <summary>"null", "string", "number", "boolean", "array" or "object".</summary>
    public static string TypeName(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        _ => value.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Null => "null",
            _ => "object",
        },
    };

    public static bool TryGetNumber(JsonNode? value, out double number)
    {
        number = 0;
        if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.Number) return false;
        if (v.TryGetValue(out number)) return true;
        if (v.TryGetValue(out long l)) number = l;
        else if (v.TryGetValue(out int i)) number = i;
        else if (v.TryGetValue(out decimal m)) number = (double)m;
        else number = double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>A detached copy of a value; primitives are recreated directly, which is far cheaper than DeepClone.</summary>
    internal static JsonNode Copy(JsonNode value) => value switch
    {
        JsonValue v when v.TryGetValue(out long l) => JsonValue.Create(l),
        JsonValue v when v.TryGetValue(out double d) => JsonValue.Create(d),
        JsonValue v when v.TryGetValue(out string? s) => JsonValue.Create(s),
        JsonValue v when v.TryGetValue(out bool b) => JsonValue.Create(b),
        _ => value.DeepClone(),
    };

    public static bool TryGetString(JsonNode? value, out string text)
    {
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            text = GetString(v);
            return true;
        }
        text = "";
        return false;
    }

    public static bool TryGetBoolean(JsonNode? value, out bool flag)
    {
        var kind = value is JsonValue ? value.GetValueKind() : JsonValueKind.Undefined;
        flag = kind == JsonValueKind.True;
        return kind is JsonValueKind.True or JsonValueKind.False;
    }

    /// <summary>Structural equality: numbers by value (1 == 1.0), strings ordinally, arrays in order, objects by keys regardless of order.</summary>
    public static bool DeepEquals(JsonNode? left, JsonNode? right)
    {
        if (IsNull(left) || IsNull(right)) return IsNull(left) && IsNull(right);
        switch (left, right)
        {
            case (JsonArray a, JsonArray b):
                if (a.Count != b.Count) return false;
                for (var i = 0; i < a.Count; i++)
                    if (!DeepEquals(a[i], b[i])) return false;
                return true;
            case (JsonObject a, JsonObject b):
                if (a.Count != b.Count) return false;
                foreach (var (key, value) in a)
                    if (!b.TryGetPropertyValue(key, out var other) || !DeepEquals(value, other)) return false;
                return true;
            case (JsonValue, JsonValue):
                if (TryGetNumber(left, out var x) && TryGetNumber(right, out var y)) return x == y;
                if (TryGetString(left, out var s) && TryGetString(right, out var t)) return s == t;
                if (TryGetBoolean(left, out var p) && TryGetBoolean(right, out var q)) return p == q;
                return false;
            default:
                return false;
        }
    }

    /// <summary>A JSON number; whole numbers are stored as integers so they print without ".0" and read back as long.</summary>
    public static JsonValue Number(double value) =>
        Math.Abs(value) <= MaxSafeInteger && value == Math.Floor(value)
            ? JsonValue.Create((long)value)
            : JsonValue.Create(value);

    internal static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    internal static bool IsNull(JsonNode? value) => value is null || (value is JsonValue && value.GetValueKind() == JsonValueKind.Null);

    private static string GetString(JsonValue value) =>
        value.TryGetValue(out string? text) ? text : JsonSerializer.Deserialize<string>(value.ToJsonString()) ?? "";
}
