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

    [GeneratedRegex(@"\$[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*")]
    private static partial Regex Reference();

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
            var parts = match.Value.Split('.');
            if (!known.Contains(parts[0]))
            {
                warnings.Add($"Unknown name {parts[0]}; in scope: {string.Join(", ", roots)}.");
                continue;
            }
            var path = parts[0];
            foreach (var member in parts.Skip(1))
            {
                var next = path + "." + member;
                if (known.Contains(next)) { path = next; continue; }
                var members = hints.Where(h => h.StartsWith(path + ".", StringComparison.Ordinal) && !h[(path.Length + 1)..].Contains('.')).ToList();
                if (members.Count > 0)
                    warnings.Add($"{path} has no member '{member}'; it has {string.Join(", ", members.Select(m => m[(path.Length + 1)..]).Take(8))}.");
                break;
            }
        }
        return warnings.Distinct().ToList();
    }
}
