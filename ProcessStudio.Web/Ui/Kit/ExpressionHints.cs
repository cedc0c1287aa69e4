using System.Text.RegularExpressions;

namespace ProcessStudio.Web.Ui.Kit;

/// <summary>
/// What the expression field offers and warns about, from the paths in scope (roots first, breadth first):
/// hints filtered by the word being typed, and references to names or members the scope does not have.
/// </summary>
public static partial class ExpressionHints
{
    [GeneratedRegex(@"\$?[A-Za-z_][\w$]*(?:\.[A-Za-z_]\w*|\[[^\]]*\])*\.?$")]
    private static partial Regex TrailingWord();

    /// <summary>A reference: a $name followed by .members, ["quoted"] members or [index] elements.</summary>
    [GeneratedRegex(@"\$[A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[(?:""[^""]*""|'[^']*'|\d+)\])*")]
    private static partial Regex Reference();

    [GeneratedRegex(@"\.[A-Za-z_]\w*|\[(?:""[^""]*""|'[^']*'|\d+)\]")]
    private static partial Regex Segment();

    /// <summary>The hints for the word at the end of the text (all of them, in scope order, when nothing is being typed).</summary>
    public static IReadOnlyList<string> Matching(IReadOnlyList<string> hints, string text, int max)
    {
        var word = TrailingWord().Match(text).Value;
        if (word.Length == 0) return hints.Take(max).ToList();
        var starts = hints.Where(h => h.StartsWith(word, StringComparison.OrdinalIgnoreCase));
        var contains = hints.Where(h => !h.StartsWith(word, StringComparison.OrdinalIgnoreCase) && h.Contains(word, StringComparison.OrdinalIgnoreCase));
        return starts.Concat(contains).Take(max).ToList();
    }

    /// <summary>The text with the hint inserted: it completes the word being typed, or is appended (in {{ }} for templates).</summary>
    public static string Insert(string text, string hint, ExpressionMode mode)
    {
        var word = TrailingWord().Match(text).Value;
        if (word.Length > 0 && hint.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            return text[..^word.Length] + hint;
        var insert = mode == ExpressionMode.Expression ? hint : $"{{{{ {hint} }}}}";
        return text.Length == 0 || text.EndsWith(' ') ? text + insert : $"{text} {insert}";
    }

    /// <summary>
    /// Warnings for <c>$names</c> not in scope and members the scope knows not to exist. A member is only judged
    /// where the scope knows the object's shape (it lists members for it); an empty or unknown shape passes.
    /// </summary>
    public static IReadOnlyList<string> UnknownReferences(string text, IReadOnlyList<string> hints)
    {
        if (hints.Count == 0) return [];
        var known = new HashSet<string>(hints, StringComparer.Ordinal);
        var roots = hints.Where(h => h.StartsWith('$') && !h.Contains('.') && !h.Contains('[')).ToList();
        var warnings = new List<string>();
        foreach (Match match in Reference().Matches(text))
        {
            var root = match.Value[..(Segment().Match(match.Value) is { Success: true } first ? first.Index : match.Value.Length)];
            if (!known.Contains(root))
            {
                warnings.Add($"Unknown name {root}; in scope: {string.Join(", ", roots)}.");
                continue;
            }
            var path = root;
            foreach (Match segment in Segment().Matches(match.Value, root.Length))
            {
                var next = path + Normal(segment.Value);
                if (known.Contains(next)) { path = next; continue; }
                var members = Members(hints, path);
                if (members.Count > 0)
                    warnings.Add($"{path} has no member {Shown(segment.Value)}; it has {string.Join(", ", members.Take(8).Select(Shown))}.");
                break;
            }
        }
        return warnings.Distinct().ToList();
    }

    /// <summary>The hints one step below <paramref name="path"/>, as their last segment (".status", "[\"Fetch\"]", "[0]").</summary>
    private static List<string> Members(IReadOnlyList<string> hints, string path) =>
        hints.Where(h => h.Length > path.Length && h.StartsWith(path, StringComparison.Ordinal) && h[path.Length] is '.' or '[')
            .Select(h => h[path.Length..])
            .Where(rest => Segment().Match(rest) is { Success: true, Index: 0 } m && m.Length == rest.Length)
            .ToList();

    /// <summary>The form hints use: double quotes, and any index as [0] (hints list the first element of an array).</summary>
    private static string Normal(string segment) =>
        segment.StartsWith("['", StringComparison.Ordinal) ? "[\"" + segment[2..^2] + "\"]"
        : segment.StartsWith('[') && char.IsDigit(segment[1]) ? "[0]"
        : segment;

    private static string Shown(string segment) => segment.StartsWith('.') ? $"'{segment[1..]}'" : segment;
}
