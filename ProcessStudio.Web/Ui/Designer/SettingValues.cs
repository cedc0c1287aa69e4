using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Nodes;

namespace ProcessStudio.Web.Ui.Designer;

/// <summary>Reads and writes a node's setting values (a JSON object) in the shapes the form fields edit.</summary>
public static class SettingValues
{
    /// <summary>Whether a setting is shown, given its <see cref="SettingDescriptor.VisibleWhen"/> condition and the current values.</summary>
    public static bool IsVisible(SettingDescriptor setting, JsonObject values, IReadOnlyList<SettingDescriptor> all)
    {
        if (setting.VisibleWhen is not { } condition) return true;
        var current = Text(values[condition.Setting]) ?? Text(all.FirstOrDefault(s => s.Name == condition.Setting)?.Default);
        return current is not null && condition.Values.Contains(current, StringComparer.OrdinalIgnoreCase);
    }

    public static JsonNode? Get(JsonObject values, SettingDescriptor setting) => values[setting.Name] ?? setting.Default;

    /// <summary>A workflow setting's id, or null when empty or not an id.</summary>
    public static Guid? WorkflowId(JsonNode? value) => Guid.TryParse(Text(value), out var id) ? id : null;

    public static string? Text(JsonNode? value) => value switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v => Kit.JsonText.Inline(v),
        _ => Kit.JsonText.Format(value),   // objects and arrays are edited in a JSON field: indented, quotes as written
    };

    public static double? Number(JsonNode? value) => value switch
    {
        JsonValue v when NodeJson.Number(v) is { } number => number,   // a default may hold an int, a parsed value a JsonElement
        JsonValue v when v.GetValueKind() == JsonValueKind.String &&
                         double.TryParse(v.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    public static bool Boolean(JsonNode? value) => value is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    public static IReadOnlyList<KeyValuePair<string, string>> Pairs(JsonNode? value) =>
        value is JsonObject o ? o.Select(p => new KeyValuePair<string, string>(p.Key, Text(p.Value) ?? "")).ToList() : [];

    public static JsonObject FromPairs(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var result = new JsonObject();
        foreach (var (key, value) in pairs) result[key] = value;
        return result;
    }

    public static string Lines(JsonNode? value) =>
        value is JsonArray a ? string.Join('\n', a.Select(Text)) : "";

    public static JsonArray FromLines(string text) =>
        new(text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => (JsonNode?)JsonValue.Create(l)).ToArray());

    public static IReadOnlyList<JsonObject> Items(JsonNode? value) =>
        value is JsonArray a ? a.OfType<JsonObject>().ToList() : [];

    /// <summary>A duration in the forms the engine accepts ("250ms", "5s", "1m30s", "2h", "01:00:00"); null when valid.</summary>
    public static string? CheckDuration(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Contains("{{")) return null;
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out _)) return null;
        return System.Text.RegularExpressions.Regex.IsMatch(text.Trim(), @"^(\d+(\.\d+)?(ms|s|m|h|d))+$")
            ? null
            : "Use a duration such as 250ms, 5s, 1m30s or 01:00:00.";
    }
}
