using System.Globalization;

namespace ProcessStudio.Web.Ui.Live;

/// <summary>Short, human forms of durations and times for the monitor.</summary>
public static class Formatting
{
    public static string Duration(long? milliseconds)
    {
        if (milliseconds is not { } ms) return "—";
        if (ms < 1_000) return $"{ms} ms";
        var span = TimeSpan.FromMilliseconds(ms);
        if (span.TotalMinutes < 1) return string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.0} s");
        if (span.TotalHours < 1) return $"{span.Minutes}m {span.Seconds:00}s";
        return $"{(int)span.TotalHours}h {span.Minutes:00}m";
    }

    public static string Time(DateTimeOffset? value) =>
        value is { } v ? v.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture) : "—";

    public static string DateTime(DateTimeOffset? value) =>
        value is { } v ? v.ToLocalTime().ToString("MMM d, HH:mm:ss", CultureInfo.InvariantCulture) : "—";

    public static string ShortId(Guid id) => id.ToString("N")[..8];

    /// <summary>"item 3 of 10", "42%", or the node's own message.</summary>
    public static string? Progress(Engine.Execution.NodeProgress? progress) => progress switch
    {
        null => null,
        { Done: { } done, Total: { } total } => $"item {done} of {total}",
        { Message: { Length: > 0 } message } => message,
        { Fraction: { } fraction } => $"{fraction * 100:0}%",
        _ => null,
    };
}
