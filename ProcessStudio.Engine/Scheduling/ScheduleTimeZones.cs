namespace ProcessStudio.Engine.Scheduling;

/// <summary>Time zones a schedule may name: IANA ids only (e.g. "Europe/Berlin"), so a workflow means the same on every OS.</summary>
public static class ScheduleTimeZones
{
    public const string Default = "UTC";

    /// <summary>Null when <paramref name="timeZoneId"/> (blank means UTC) is a known IANA id; otherwise the reason.</summary>
    public static string? Find(string? timeZoneId, out TimeZoneInfo? zone)
    {
        var id = string.IsNullOrWhiteSpace(timeZoneId) ? Default : timeZoneId.Trim();
        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone) && zone.HasIanaId)
            return null;
        zone = null;
        return $"'{id}' is not a known IANA time zone id (e.g. 'UTC', 'Europe/Berlin', 'America/New_York').";
    }
}
