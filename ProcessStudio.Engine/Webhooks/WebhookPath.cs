using System.Text.RegularExpressions;

namespace ProcessStudio.Engine.Webhooks;

/// <summary>
/// The path a webhook listens on under <c>/hooks/</c>: segments of letters, digits and <c>- _ . ~</c>, separated by
/// single slashes. Paths compare case-insensitively, so "Orders" and "orders" cannot belong to two workflows.
/// </summary>
public static partial class WebhookPath
{
    public const int MaxLength = 200;

    public static readonly StringComparer Comparer = StringComparer.OrdinalIgnoreCase;

    /// <summary>The path without surrounding slashes, as it is matched.</summary>
    public static string Normalize(string path) => path.Trim().Trim('/');

    /// <summary>What is wrong with the path (completing "The path ..."), or null when it is usable.</summary>
    public static string? Problem(string? path)
    {
        var normalized = Normalize(path ?? "");
        if (normalized.Length == 0) return "is empty.";
        if (normalized.Length > MaxLength) return $"is longer than {MaxLength} characters.";
        if (!Allowed().IsMatch(normalized))
            return "may only hold letters, digits and - _ . ~ in segments separated by single slashes.";
        if (normalized.Split('/').Any(segment => segment is "." or ".."))
            return "may not contain '.' or '..' segments.";
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*$")]
    private static partial Regex Allowed();
}
