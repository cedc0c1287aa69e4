using ProcessStudio.Engine.Expressions.Functions;

namespace ProcessStudio.Engine.Expressions.Syntax;

/// <summary>Splits "Hello {{ $input.name }}!" into text and expression parts.</summary>
internal static class TemplateParser
{
    public const string Open = "{{";
    public const string Close = "}}";

    public static bool IsTemplate(string text) => text.Contains(Open, StringComparison.Ordinal);

    public static ParsedTemplate Parse(string template, FunctionCatalog functions)
    {
        var parts = new List<TemplatePart>();
        var errors = new List<ExpressionError>();
        var position = 0;
        while (position < template.Length)
        {
            var open = template.IndexOf(Open, position, StringComparison.Ordinal);
            if (open < 0)
            {
                parts.Add(new TextPart(template[position..]));
                break;
            }
            if (open > position) parts.Add(new TextPart(template[position..open]));

            var start = open + Open.Length;
            var close = FindClose(template, start);
            if (close < 0)
            {
                errors.Add(new ExpressionError($"Expected '}}}}' to close '{{{{' opened at position {open + 1}", open, Open.Length));
                break;
            }
            var source = template[start..close];
            var parsed = Parser.Parse(source, functions);
            errors.AddRange(parsed.Errors.Select(e => e with { Position = e.Position + start }));
            parts.Add(new ExpressionPart(source, start, parsed));
            position = close + Close.Length;
        }
        return new ParsedTemplate(parts, errors);
    }

    /// <summary>
    /// The index of the "}}" that ends the part starting at <paramref name="start"/>, skipping string literals and
    /// the braces of object literals inside the expression; -1 when missing.
    /// </summary>
    private static int FindClose(string template, int start)
    {
        var depth = 0;
        for (var i = start; i < template.Length; i++)
        {
            var c = template[i];
            if (c is '\'' or '"')
            {
                i = SkipString(template, i);
                continue;
            }
            if (c == '{') depth++;
            else if (c == '}' && depth > 0) depth--;
            else if (c == '}' && i + 1 < template.Length && template[i + 1] == '}') return i;
        }
        return -1;
    }

    private static int SkipString(string template, int quoteAt)
    {
        var quote = template[quoteAt];
        for (var i = quoteAt + 1; i < template.Length; i++)
        {
            if (template[i] == '\\') i++;
            else if (template[i] == quote) return i;
        }
        return template.Length;
    }
}
