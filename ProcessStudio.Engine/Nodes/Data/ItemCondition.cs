using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ProcessStudio.Engine.Expressions;

namespace ProcessStudio.Engine.Nodes.Data;

/// <summary>
/// One Filter condition: a field's value against an operator and a value from the settings. The setting value is text
/// unless it is a single {{ }}; it is read as a number when the field holds a number, so "amount gt 100" works.
/// </summary>
public static class ItemCondition
{
    public static readonly IReadOnlyList<string> Operators =
    [
        "equals", "notEquals", "greaterThan", "greaterOrEqual", "lessThan", "lessOrEqual",
        "contains", "notContains", "startsWith", "endsWith", "matchesRegex", "exists", "notExists", "isEmpty", "isNotEmpty",
    ];

    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(250);

    public static bool Test(JsonNode? actual, string op, JsonNode? expected)
    {
        var wanted = LikeActual(actual, expected);
        return op switch
        {
            "equals" => SameValue(actual, wanted),
            "notEquals" => !SameValue(actual, wanted),
            "greaterThan" => Comparable(actual, wanted) && JsonOrder.Instance.Compare(actual, wanted) > 0,
            "greaterOrEqual" => Comparable(actual, wanted) && JsonOrder.Instance.Compare(actual, wanted) >= 0,
            "lessThan" => Comparable(actual, wanted) && JsonOrder.Instance.Compare(actual, wanted) < 0,
            "lessOrEqual" => Comparable(actual, wanted) && JsonOrder.Instance.Compare(actual, wanted) <= 0,
            "contains" => Contains(actual, wanted),
            "notContains" => !Contains(actual, wanted),
            "startsWith" => actual is not null && Text(actual).StartsWith(Text(wanted), StringComparison.Ordinal),
            "endsWith" => actual is not null && Text(actual).EndsWith(Text(wanted), StringComparison.Ordinal),
            "matchesRegex" => actual is not null && MatchesRegex(Text(actual), Text(wanted)),
            "exists" => actual is not null,
            "notExists" => actual is null,
            "isEmpty" => IsEmpty(actual),
            "isNotEmpty" => !IsEmpty(actual),
            _ => throw new NodeFailedException($"Unknown operator '{op}'; use one of: {string.Join(", ", Operators)}.", "InvalidSettings"),
        };
    }

    private static JsonNode? LikeActual(JsonNode? actual, JsonNode? expected) =>
        actual?.GetValueKind() == JsonValueKind.Number && ExpressionValues.TryGetString(expected, out var text) &&
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? ExpressionValues.Number(number)
            : actual?.GetValueKind() is JsonValueKind.True or JsonValueKind.False && ExpressionValues.TryGetString(expected, out var flag) && bool.TryParse(flag, out var b)
                ? JsonValue.Create(b)
                : expected;

    private static bool SameValue(JsonNode? a, JsonNode? b) =>
        ExpressionValues.DeepEquals(a, b) || (a is JsonValue && b is JsonValue && Text(a) == Text(b));

    private static bool Comparable(JsonNode? a, JsonNode? b) => !JsonOrder.IsMissing(a) && !JsonOrder.IsMissing(b);

    private static bool Contains(JsonNode? actual, JsonNode? wanted) => actual switch
    {
        JsonArray array => array.Any(e => SameValue(e, wanted)),
        null => false,
        _ => Text(actual).Contains(Text(wanted), StringComparison.Ordinal),
    };

    private static bool IsEmpty(JsonNode? value) => value switch
    {
        null => true,
        JsonArray array => array.Count == 0,
        JsonObject obj => obj.Count == 0,
        _ => ExpressionValues.TryGetString(value, out var s) && s.Length == 0,
    };

    private static bool MatchesRegex(string text, string pattern)
    {
        try { return Regex.IsMatch(text, pattern, RegexOptions.None, RegexTimeout); }
        catch (ArgumentException e) { throw new NodeFailedException($"'{pattern}' is not a valid regular expression: {e.Message}", "InvalidSettings"); }
        catch (RegexMatchTimeoutException) { throw new NodeFailedException($"The regular expression '{pattern}' took too long on '{text[..Math.Min(40, text.Length)]}'.", "InvalidSettings"); }
    }

    private static string Text(JsonNode? value) => ExpressionValues.ToDisplayString(value);
}
