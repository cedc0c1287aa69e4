namespace ProcessStudio.Web.Ui.Kit;

/// <summary>Human-readable times for lists: "just now", "5 min ago", "yesterday", or a date.</summary>
public static class TimeText
{
    public static string Relative(DateTimeOffset time, DateTimeOffset? now = null)
    {
        var age = (now ?? DateTimeOffset.UtcNow) - time;
        return age.TotalSeconds switch
        {
            < 45 => "just now",
            < 3600 => $"{Math.Max(1, (int)age.TotalMinutes)} min ago",
            < 86_400 => $"{(int)age.TotalHours} h ago",
            < 172_800 => "yesterday",
            < 604_800 => $"{(int)age.TotalDays} days ago",
            _ => time.ToLocalTime().ToString("d MMM yyyy"),
        };
    }

    public static string Exact(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss");
}
