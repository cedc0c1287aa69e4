namespace ProcessStudio.Engine.Sql;

/// <summary>
/// The @name parameters a statement refers to, outside quoted text, quoted identifiers and comments. Used to name a
/// missing parameter before the statement is sent (SQLite's own message omits the names; PostgreSQL reports a syntax error).
/// </summary>
internal static class SqlParameterNames
{
    public static IReadOnlyList<string> Referenced(string sql)
    {
        var names = new List<string>();
        for (var i = 0; i < sql.Length; i++)
        {
            switch (sql[i])
            {
                case '\'' or '"' or '`':
                    i = SkipPast(sql, i + 1, sql[i].ToString());
                    break;
                case '-' when At(sql, i, "--"):
                    i = SkipPast(sql, i + 2, "\n");
                    break;
                case '/' when At(sql, i, "/*"):
                    i = SkipPast(sql, i + 2, "*/");
                    break;
                case '@' when i + 1 < sql.Length && IsNameStart(sql[i + 1]) && (i == 0 || sql[i - 1] != '@'):
                    var end = i + 1;
                    while (end < sql.Length && (char.IsAsciiLetterOrDigit(sql[end]) || sql[end] == '_')) end++;
                    var name = sql[(i + 1)..end];
                    if (!names.Contains(name, StringComparer.OrdinalIgnoreCase)) names.Add(name);
                    i = end - 1;
                    break;
            }
        }
        return names;
    }

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool At(string sql, int index, string text) => string.CompareOrdinal(sql, index, text, 0, text.Length) == 0;

    /// <summary>The index of the last character of the closing <paramref name="close"/>, or the end of the text.</summary>
    private static int SkipPast(string sql, int from, string close)
    {
        var found = sql.IndexOf(close, from, StringComparison.Ordinal);
        return found < 0 ? sql.Length : found + close.Length - 1;
    }
}
