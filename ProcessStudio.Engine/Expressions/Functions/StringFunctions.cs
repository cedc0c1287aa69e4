using System.Text;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Expressions.Evaluation;
using static ProcessStudio.Engine.Expressions.ExpressionValues;

namespace ProcessStudio.Engine.Expressions.Functions;

internal static class StringFunctions
{
    private const int MaxPlaceholderLength = 8;

    public static IEnumerable<FunctionDefinition> Definitions =>
    [
        new("upper", 1, 1, "upper(text)", "Text in upper case.", c => c.Text(c.String(0).ToUpperInvariant())),
        new("lower", 1, 1, "lower(text)", "Text in lower case.", c => c.Text(c.String(0).ToLowerInvariant())),
        new("trim", 1, 1, "trim(text)", "Text without leading and trailing whitespace.", c => c.Text(c.String(0).Trim())),
        new("trimStart", 1, 1, "trimStart(text)", "Text without leading whitespace.", c => c.Text(c.String(0).TrimStart())),
        new("trimEnd", 1, 1, "trimEnd(text)", "Text without trailing whitespace.", c => c.Text(c.String(0).TrimEnd())),
        new("startsWith", 2, 2, "startsWith(text, prefix)", "Whether text starts with prefix (case-sensitive).",
            c => JsonValue.Create(c.String(0).StartsWith(c.String(1), StringComparison.Ordinal))),
        new("endsWith", 2, 2, "endsWith(text, suffix)", "Whether text ends with suffix (case-sensitive).",
            c => JsonValue.Create(c.String(0).EndsWith(c.String(1), StringComparison.Ordinal))),
        new("replace", 3, 3, "replace(text, search, replacement)", "Text with every occurrence of search replaced (no regular expressions).", Replace),
        new("split", 2, 2, "split(text, separator)", "The pieces of text between separators; \"\" splits into characters.", Split),
        new("join", 1, 2, "join(array, separator?)", "The items as text joined by separator (default \"\").", Join),
        new("substring", 2, 3, "substring(text, start, length?)", "Part of text from start (negative counts from the end).", Substring),
        new("padStart", 2, 3, "padStart(text, width, pad?)", "Text left-padded to width with pad (default space).", c => Pad(c, left: true)),
        new("padEnd", 2, 3, "padEnd(text, width, pad?)", "Text right-padded to width with pad (default space).", c => Pad(c, left: false)),
        new("repeat", 2, 2, "repeat(text, count)", "Text repeated count times.", Repeat),
        new("format", 1, FunctionDefinition.Unlimited, "format(pattern, values...)", "Pattern with {0}, {1}, ... replaced by the values as text.", Format),
        new("concat", 1, FunctionDefinition.Unlimited, "concat(values...)", "The values as text, joined; arrays are joined together.", Concat),
    ];

    private static JsonNode Replace(FunctionCall c)
    {
        var search = c.String(1);
        if (search.Length == 0) throw new EvaluationFailure("Function 'replace' needs a non-empty search text");
        var text = c.String(0);
        var replacement = c.String(2);
        c.Budget.CheckStringLength(text.Length + (long)Math.Max(0, replacement.Length - search.Length) * (text.Length / search.Length));
        return c.Text(text.Replace(search, replacement, StringComparison.Ordinal));
    }

    private static JsonNode Split(FunctionCall c)
    {
        var text = c.String(0);
        var separator = c.String(1);
        var pieces = separator.Length == 0
            ? text.Select(ch => ch.ToString())
            : text.Split(separator);
        c.Budget.Charge(text.Length / 16 + 1);
        return c.NewArray(pieces.Select(p => (JsonNode?)JsonValue.Create(p)));
    }

    private static JsonNode Join(FunctionCall c)
    {
        var items = c.Array(0);
        c.Budget.Charge(items.Count);
        return c.Text(Build(c, items.Select(ToDisplayString), c.String(1, "")));
    }

    private static JsonNode Substring(FunctionCall c)
    {
        var text = c.String(0);
        var start = c.Integer(1);
        if (start < 0) start = Math.Max(0, text.Length + start);
        start = Math.Min(start, text.Length);
        var length = Math.Clamp(c.Integer(2, text.Length - start), 0, text.Length - start);
        return c.Text(text.Substring(start, length));
    }

    private static JsonNode Pad(FunctionCall c, bool left)
    {
        var text = c.String(0);
        var width = c.Integer(1);
        var pad = c.String(2, " ");
        if (pad.Length == 0 || width <= text.Length) return c.Text(text);
        c.Budget.CheckStringLength(width);
        var padding = new StringBuilder(width);
        while (padding.Length < width - text.Length) padding.Append(pad);
        padding.Length = width - text.Length;
        return c.Text(left ? padding + text : text + padding);
    }

    private static JsonNode Repeat(FunctionCall c)
    {
        var text = c.String(0);
        var count = c.Integer(1);
        if (count < 0) throw new EvaluationFailure("Function 'repeat' needs a count of 0 or more");
        c.Budget.CheckStringLength((long)text.Length * count);
        return c.Text(string.Concat(Enumerable.Repeat(text, count)));
    }

    private static JsonNode Format(FunctionCall c)
    {
        var pattern = c.String(0);
        var values = c.Arguments.Skip(1).Select(ToDisplayString).ToArray();
        var result = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            c.Budget.CheckStringLength(result.Length);
            var close = pattern[i] == '{' ? pattern.IndexOf('}', i, Math.Min(MaxPlaceholderLength, pattern.Length - i)) : -1;
            if (close > i && int.TryParse(pattern.AsSpan(i + 1, close - i - 1), out var index) && index >= 0 && index < values.Length)
            {
                result.Append(values[index]);
                i = close;
            }
            else
            {
                result.Append(pattern[i]);
            }
        }
        return c.Text(result.ToString());
    }

    private static JsonNode Concat(FunctionCall c)
    {
        var pieces = c.Arguments.SelectMany(v => v is JsonArray array ? array : [v]).ToList();
        c.Budget.Charge(pieces.Count);
        return c.Text(Build(c, pieces.Select(ToDisplayString), ""));
    }

    /// <summary>Joins pieces, stopping as soon as the text would exceed the size budget.</summary>
    private static string Build(FunctionCall c, IEnumerable<string> pieces, string separator)
    {
        var result = new StringBuilder();
        var first = true;
        foreach (var piece in pieces)
        {
            if (!first) result.Append(separator);
            first = false;
            c.Budget.CheckStringLength((long)result.Length + piece.Length);
            result.Append(piece);
        }
        return result.ToString();
    }
}
