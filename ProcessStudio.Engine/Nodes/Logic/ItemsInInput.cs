using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ProcessStudio.Engine.Nodes.Logic;

/// <summary>
/// An items expression that is a plain path into the node's input (<c>$json.orders</c>, <c>$json.body.items</c>): the
/// array is then read in the input, by its property names, instead of being evaluated into a copy. A node's input is never
/// changed in place, so the path leads to the same array on every activation, also after the run was read back from
/// its checkpoint.
/// </summary>
internal static partial class ItemsInInput
{
    /// <summary>The property names from <c>$json</c> to the items; null when the expression is anything else.</summary>
    public static JsonArray? PathOf(string expression)
    {
        var match = InputPath().Match(expression);
        if (!match.Success) return null;
        return new JsonArray([.. match.Groups["name"].Captures.Select(c => (JsonNode?)JsonValue.Create(c.Value))]);
    }

    /// <summary>The node the property names lead to from <paramref name="input"/>; null when they lead nowhere.</summary>
    public static JsonNode? Resolve(JsonNode? input, JsonArray path)
    {
        var node = input;
        foreach (var name in path)
        {
            if (node is not JsonObject parent || name?.GetValue<string>() is not { } property) return null;
            node = parent[property];
        }
        return node;
    }

    [GeneratedRegex(@"^\s*\$json(?:\.(?<name>[A-Za-z_][A-Za-z0-9_]*))*\s*$")]
    private static partial Regex InputPath();
}
