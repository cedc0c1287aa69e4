using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Expressions;

namespace ProcessStudio.Engine.Nodes.Data;

/// <summary>
/// Orders JSON values by type: numbers numerically, dates (ISO 8601 text on both sides) in time, other text by culture-
/// independent, case-insensitive comparison, false before true. Values of different kinds order as
/// number, date, text, boolean, object/array; null and missing values come last in either direction.
/// </summary>
public sealed class JsonOrder : IComparer<JsonNode?>
{
    public static readonly JsonOrder Instance = new();

    public int Compare(JsonNode? x, JsonNode? y)
    {
        var (rx, ry) = (Rank(x), Rank(y));
        if (rx != ry) return rx.CompareTo(ry);
        return rx switch
        {
            0 => NodeJson.Number(x)!.Value.CompareTo(NodeJson.Number(y)!.Value),
            1 => AsDate(x)!.Value.CompareTo(AsDate(y)!.Value),
            2 => CompareText(x!.GetValue<string>(), y!.GetValue<string>()),
            3 => x!.GetValue<bool>().CompareTo(y!.GetValue<bool>()),
            4 => string.CompareOrdinal(x!.ToJsonString(), y!.ToJsonString()),
            _ => 0,
        };
    }

    /// <summary>Whether a value is null or missing: sorted last whatever the direction.</summary>
    public static bool IsMissing(JsonNode? value) => Rank(value) == 5;

    private static int CompareText(string a, string b)
    {
        var ignoringCase = string.Compare(a, b, StringComparison.OrdinalIgnoreCase);
        return ignoringCase != 0 ? ignoringCase : string.CompareOrdinal(a, b);
    }

    private static int Rank(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.Number => 0,
        JsonValueKind.String when AsDate(value) is not null => 1,
        JsonValueKind.String => 2,
        JsonValueKind.True or JsonValueKind.False => 3,
        JsonValueKind.Object or JsonValueKind.Array => 4,
        _ => 5,
    };

    /// <summary>ISO 8601 dates only (they start with yyyy-MM-dd): "12" or "May" stay text.</summary>
    private static DateTimeOffset? AsDate(JsonNode? value) =>
        ExpressionValues.TryGetString(value, out var text) && text.Length >= 10 && char.IsDigit(text[0]) && text[4] == '-' && text[7] == '-' &&
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : null;
}
