namespace ProcessStudio.Data.Stores;

/// <summary>
/// Builds LIKE patterns from user text, escaping the wildcards so a search for "50%" means the literal text. Patterns
/// are lower case and are matched against lower-cased columns: SQLite's LIKE ignores case, PostgreSQL's does not, so
/// searches behave the same on both.
/// </summary>
internal static class LikePattern
{
    public const string Escape = "\\";

    public static string Contains(string text) => $"%{Escaped(text.ToLowerInvariant())}%";

    public static string StartsWith(string text) => $"{Escaped(text.ToLowerInvariant())}%";

    private static string Escaped(string text) =>
        text.Replace(Escape, Escape + Escape).Replace("%", Escape + "%").Replace("_", Escape + "_");
}
