using System.Globalization;
using System.Text.RegularExpressions;

namespace ProcessStudio.Engine.Nodes.Settings;

/// <summary>Parses durations as people write them: "250ms", "5s", "1m30s", "2h", "1d", "01:00:00", or a number of milliseconds.</summary>
public static partial class DurationParser
{
    [GeneratedRegex(@"^\s*(?:(?<n>\d+(?:\.\d+)?)\s*(?<u>ms|s|m|h|d)\s*)+$", RegexOptions.IgnoreCase)]
    private static partial Regex UnitsPattern();

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            duration = TimeSpan.FromMilliseconds(ms);
            return true;
        }
        if (text.Contains(':') && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration))
            return duration >= TimeSpan.Zero;

        var match = UnitsPattern().Match(text);
        if (!match.Success) return false;
        for (var i = 0; i < match.Groups["n"].Captures.Count; i++)
        {
            var amount = double.Parse(match.Groups["n"].Captures[i].Value, CultureInfo.InvariantCulture);
            duration += match.Groups["u"].Captures[i].Value.ToLowerInvariant() switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromDays(amount),
            };
        }
        return true;
    }
}
