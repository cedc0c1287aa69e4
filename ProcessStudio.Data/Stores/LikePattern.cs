namespace ProcessStudio.Data.Stores;

/// <summary>Builds LIKE patterns from user text, escaping the wildcards so a search for "50%" means the literal text.</summary>
internal static class LikePattern
{
    public const string Escape = "\\";

    public static string Contains(string text) => $"%{Escaped(text)}%";

    public static string StartsWith(string text) => $"{Escaped(text)}%";

    private static string Escaped(string text) =>
        text.Replace(Escape, Escape + Escape).Replace("%", Escape + "%").Replace("_", Escape + "_");
}
