using NCrontab;

namespace ProcessStudio.Engine.Scheduling;

/// <summary>
/// A cron expression evaluated in an IANA time zone. Occurrences are wall-clock times in that zone, converted to UTC:
/// <list type="bullet">
/// <item>a wall time skipped by a DST gap fires shifted forward by the gap (02:30 on a spring-forward night fires at 03:30);</item>
/// <item>a wall time repeated by a DST overlap fires once, at its first (daylight-time) instance.</item>
/// </list>
/// Two occurrences that land on the same UTC instant fire once.
/// </summary>
public sealed class CronSchedule
{
    private readonly CrontabSchedule _crontab;

    private CronSchedule(string expression, CrontabSchedule crontab, TimeZoneInfo zone)
    {
        Expression = expression;
        _crontab = crontab;
        Zone = zone;
    }

    public string Expression { get; }
    public TimeZoneInfo Zone { get; }
    public bool HasSeconds => FieldCount(Expression) == 6;

    /// <summary>Parses a 5-field (minute precision) or 6-field (leading seconds field) expression in a time zone.</summary>
    public static ScheduleParseResult Parse(string? expression, string? timeZoneId)
    {
        var cronError = CronError(expression, out var crontab);
        var zoneError = ScheduleTimeZones.Find(timeZoneId, out var zone);
        return cronError is null && zoneError is null
            ? new ScheduleParseResult(new CronSchedule(expression!.Trim(), crontab!, zone!), null, null)
            : new ScheduleParseResult(null, cronError, zoneError);
    }

    /// <summary>The first occurrence strictly after <paramref name="afterUtc"/>.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset afterUtc)
    {
        var local = TimeZoneInfo.ConvertTime(afterUtc, Zone).DateTime;
        while (true)
        {
            local = _crontab.GetNextOccurrence(local);
            var utc = ToUtc(local);
            // In an overlap the second pass over the repeated hour maps back to the first instance: already past.
            if (utc > afterUtc) return utc;
        }
    }

    public IReadOnlyList<DateTimeOffset> NextOccurrences(DateTimeOffset afterUtc, int count)
    {
        var result = new List<DateTimeOffset>(count);
        for (var at = afterUtc; result.Count < count;)
            result.Add(at = NextAfter(at));
        return result;
    }

    private DateTimeOffset ToUtc(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
            // GetUtcOffset answers the offset in force before the gap, so the instant lands the gap's length later on the clock.
            return new DateTimeOffset(local - Zone.GetUtcOffset(local), TimeSpan.Zero);
        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    private static string? CronError(string? expression, out CrontabSchedule? crontab)
    {
        crontab = null;
        if (string.IsNullOrWhiteSpace(expression)) return "A cron expression is required, e.g. '0 9 * * 1-5' (minute hour day month weekday).";
        var fields = FieldCount(expression);
        if (fields is not (5 or 6))
            return $"A cron expression has 5 fields (minute hour day month weekday) or 6 with a leading seconds field; '{expression.Trim()}' has {fields}.";
        try
        {
            crontab = CrontabSchedule.Parse(expression.Trim(), new CrontabSchedule.ParseOptions { IncludingSeconds = fields == 6 });
            return null;
        }
        catch (Exception ex) when (ex is CrontabException or OverflowException or FormatException)   // a field such as 99999999999999999999 overflows
        {
            return $"'{expression.Trim()}' is not a valid cron expression: {ex.Message.Split(Environment.NewLine)[0]}";
        }
    }

    private static int FieldCount(string expression) => expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}

/// <summary>A parsed schedule, or why the cron expression and/or time zone was refused.</summary>
public sealed record ScheduleParseResult(CronSchedule? Schedule, string? CronError, string? TimeZoneError)
{
    public bool Succeeded => Schedule is not null;
}
