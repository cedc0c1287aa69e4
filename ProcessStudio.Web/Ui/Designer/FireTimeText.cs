using System.Globalization;
using ProcessStudio.Engine.Scheduling;

namespace ProcessStudio.Web.Ui.Designer;

/// <summary>How the designer writes a fire time: the wall time in the schedule's zone, its UTC offset, and the UTC instant.</summary>
public static class FireTimeText
{
    /// <summary>"Tue 3 Mar 09:00" (with seconds for 6-field crons); the year only when it is not the current one.</summary>
    public static string WallTime(DateTimeOffset utc, CronSchedule schedule, DateTimeOffset now)
    {
        var wall = TimeZoneInfo.ConvertTime(utc, schedule.Zone);
        var date = wall.Year == TimeZoneInfo.ConvertTime(now, schedule.Zone).Year ? "ddd d MMM" : "ddd d MMM yyyy";
        return wall.ToString($"{date} {(schedule.HasSeconds ? "HH:mm:ss" : "HH:mm")}", CultureInfo.InvariantCulture);
    }

    public static string Offset(DateTimeOffset utc, CronSchedule schedule)
    {
        var offset = schedule.Zone.GetUtcOffset(utc);
        return offset == TimeSpan.Zero ? "UTC" : $"UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset:hh\\:mm}";
    }

    public static string Utc(DateTimeOffset utc) => utc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
