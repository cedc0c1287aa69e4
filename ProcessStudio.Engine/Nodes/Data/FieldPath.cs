using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ProcessStudio.Engine.Nodes.Data;

/// <summary>
/// Field paths in item settings: dot-separated names with optional array indexes, e.g. <c>customer.address.city</c> or
/// <c>lines[0].sku</c>. A leading <c>$item.</c> is allowed and ignored, so people may write either form.
/// </summary>
public static partial class FieldPath
{
    [GeneratedRegex(@"^[^.\[\]]+(\[\d+\])*(\.[^.\[\]]+(\[\d+\])*)*$")]
    private static partial Regex Shape();

    public const string Hint = "a field path such as customer.city or lines[0].sku";

    public static bool IsValid(string? path) => !string.IsNullOrWhiteSpace(path) && Shape().IsMatch(Strip(path));

    /// <summary>The value at <paramref name="path"/>, or null when any step is missing.</summary>
    public static JsonNode? Get(JsonNode? item, string path)
    {
        var current = item;
        foreach (var step in Steps(path))
        {
            current = step switch
            {
                string name when current is JsonObject obj => obj[name],
                int index when current is JsonArray array && index < array.Count => array[index],
                _ => null,
            };
            if (current is null) return null;
        }
        return current;
    }

    /// <summary>Sets the value at a dotted path of an object, creating the objects on the way (array steps are not created).</summary>
    public static void Set(JsonObject item, string path, JsonNode? value)
    {
        var names = Strip(path).Split('.');
        var target = item;
        foreach (var name in names[..^1])
        {
            if (target[name] is not JsonObject next) target[name] = next = [];
            target = next;
        }
        target[names[^1]] = value;
    }

    /// <summary>Removes the field at a dotted path, if there.</summary>
    public static void Remove(JsonObject item, string path)
    {
        var names = Strip(path).Split('.');
        var target = item;
        foreach (var name in names[..^1])
            if (target[name] is JsonObject next) target = next;
            else return;
        target.Remove(names[^1]);
    }

    /// <summary>The last name of a path: what a value taken from it is called on its own (<c>lines[0].sku</c> gives sku).</summary>
    public static string LastName(string path) => Strip(path).Split('.')[^1].Split('[')[0];

    private static IEnumerable<object> Steps(string path)
    {
        foreach (var part in Strip(path).Split('.'))
        {
            var bracket = part.IndexOf('[');
            yield return bracket < 0 ? part : part[..bracket];
            if (bracket < 0) continue;
            foreach (Match index in IndexPattern().Matches(part[bracket..]))
                yield return int.Parse(index.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex IndexPattern();

    private static string Strip(string path)
    {
        var trimmed = path.Trim();
        return trimmed.StartsWith("$item.", StringComparison.Ordinal) ? trimmed[6..] : trimmed;
    }
}
