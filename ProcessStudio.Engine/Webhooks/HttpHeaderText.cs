using System.Text.RegularExpressions;

namespace ProcessStudio.Engine.Webhooks;

/// <summary>What HTTP allows in header names and values, checked before a server would refuse to send them.</summary>
public static partial class HttpHeaderText
{
    public static bool IsValidName(string name) => NameToken().IsMatch(name);

    /// <summary>No control characters (a CR or LF would split the header).</summary>
    public static bool IsValidValue(string value) => !value.Any(c => char.IsControl(c) && c != '\t');

    // RFC 9110 token characters.
    [GeneratedRegex("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")]
    private static partial Regex NameToken();
}
