using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ProcessStudio.Engine.Nodes.Settings;

/// <summary>
/// Parses durations as people write them: "250ms", "5s", "1m30s", "2h", "1d", "01:00:00", or a number of milliseconds.
/// Anything negative, not finite or longer than <see cref="Maximum"/> is not a duration, so a due time computed from
/// one can never overflow.
/// </summary>
public static partial class DurationParser
{
    /// <summary>The longest duration accepted anywhere (timers, timeouts): about ten years.</summary>
    public static readonly TimeSpan Maximum = TimeSpan.FromDays(3650);

    public const string Hint = "a duration such as 500ms, 5s, 1m30s or 01:00:00, from 0 to 3650d";

    [GeneratedRegex(@"^\s*(?:(?<n>\d{1,12}(?:\.\d{1,9})?)\s*(?<u>ms|s|m|h|d)\s*){1,8}$", RegexOptions.IgnoreCase)]
    private static partial Regex UnitsPattern();

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 100) return false;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
            return TryFromMilliseconds(ms, out duration);
        if (text.Contains(':'))
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && InRange(duration);

        var match = UnitsPattern().Match(text);
        if (!match.Success) return false;
        var total = 0d;
        for (var i = 0; i < match.Groups["n"].Captures.Count; i++)
        {
            var amount = double.Parse(match.Groups["n"].Captures[i].Value, CultureInfo.InvariantCulture);
            total += amount * match.Groups["u"].Captures[i].Value.ToLowerInvariant() switch
            {
                "ms" => 1,
                "s" => 1_000,
                "m" => 60_000,
                "h" => 3_600_000,
                _ => 86_400_000,
            };
        }
        return TryFromMilliseconds(total, out duration);
    }

    /// <summary>A setting value that is either duration text or a JSON number of milliseconds.</summary>
    public static bool TryRead(JsonNode? value, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        return value?.GetValueKind() switch
        {
            JsonValueKind.Number => TryFromMilliseconds(value.GetValue<double>(), out duration),
            JsonValueKind.String => TryParse(value.GetValue<string>(), out duration),
            _ => false,
        };
    }

    // Compared in milliseconds before converting: TimeSpan.FromMilliseconds throws beyond about 29,000 years.
    private static bool TryFromMilliseconds(double ms, out TimeSpan duration)
    {
        var ok = double.IsFinite(ms) && ms >= 0 && ms <= Maximum.TotalMilliseconds;
        duration = ok ? TimeSpan.FromMilliseconds(ms) : TimeSpan.Zero;
        return ok;
    }

    private static bool InRange(TimeSpan duration) => duration >= TimeSpan.Zero && duration <= Maximum;
}
