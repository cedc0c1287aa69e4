using Cronos;

namespace ProcessStudio.Engine.Scheduling;

/// <summary>
/// A cron expression evaluated in an IANA time zone by Cronos. Occurrences are wall-clock times in that zone, converted
/// to UTC, with the daylight-saving rules of Vixie cron:
/// <list type="bullet">
/// <item>a wall time skipped by a DST gap fires when the gap ends (02:30 on a spring-forward night fires at 03:00);</item>
/// <item>a fixed wall time repeated by a DST overlap fires once, at its first (daylight-time) instance; an interval
/// (<c>*</c>, <c>-</c> or <c>/</c> in the second, minute or hour field) keeps its rhythm through both instances.</item>
/// </list>
/// An expression that can never fire (31 February) is refused when parsed, so every accepted schedule has a next time.
/// </summary>
public sealed class CronSchedule
{
    private readonly CronExpression _cron;

    private CronSchedule(string expression, CronExpression cron, TimeZoneInfo zone)
    {
        Expression = expression;
        _cron = cron;
        Zone = zone;
    }

    public string Expression { get; }
    public TimeZoneInfo Zone { get; }
    public bool HasSeconds => FieldCount(Expression) == 6;

    /// <summary>Parses a 5-field (minute precision) or 6-field (leading seconds field) expression in a time zone.</summary>
    public static ScheduleParseResult Parse(string? expression, string? timeZoneId)
    {
        var zoneError = ScheduleTimeZones.Find(timeZoneId, out var zone);
        var cronError = CronError(expression, zone ?? TimeZoneInfo.Utc, out var cron);
        return cronError is null && zoneError is null
            ? new ScheduleParseResult(new CronSchedule(expression!.Trim(), cron!, zone!), null, null)
            : new ScheduleParseResult(null, cronError, zoneError);
    }

    /// <summary>
    /// The first occurrence strictly after <paramref name="afterUtc"/>; null only past Cronos's last year (2499), since
    /// parsing refuses expressions that never fire.
    /// </summary>
    public DateTimeOffset? NextAfter(DateTimeOffset afterUtc) => _cron.GetNextOccurrence(afterUtc, Zone)?.ToUniversalTime();

    public IReadOnlyList<DateTimeOffset> NextOccurrences(DateTimeOffset afterUtc, int count)
    {
        var result = new List<DateTimeOffset>(count);
        for (var at = afterUtc; result.Count < count && NextAfter(at) is { } next; at = next)
            result.Add(next);
        return result;
    }

    private static string? CronError(string? expression, TimeZoneInfo zone, out CronExpression? cron)
    {
        cron = null;
        if (string.IsNullOrWhiteSpace(expression)) return "A cron expression is required, e.g. '0 9 * * 1-5' (minute hour day month weekday).";
        var text = expression.Trim();
        var fields = FieldCount(text);
        if (fields is not (5 or 6))
            return $"A cron expression has 5 fields (minute hour day month weekday) or 6 with a leading seconds field; '{text}' has {fields}.";
        try
        {
            cron = CronExpression.Parse(text, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (Exception ex) when (ex is CronFormatException or OverflowException or FormatException)   // a field such as 99999999999999999999 may overflow
        {
            return $"'{text}' is not a valid cron expression: {ex.Message}";
        }
        // Cronos answers null when no date up to its last year matches: such a schedule would never run.
        if (cron.GetNextOccurrence(NeverFiresProbeStart, zone) is null)
        {
            cron = null;
            return $"'{text}' never fires: no calendar date matches its day-of-month, month and weekday fields (e.g. 31 February).";
        }
        return null;
    }

    /// <summary>A fixed start for the "does it ever fire" check, so the answer does not depend on today's date.</summary>
    private static readonly DateTimeOffset NeverFiresProbeStart = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static int FieldCount(string expression) => expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}

/// <summary>A parsed schedule, or why the cron expression and/or time zone was refused.</summary>
public sealed record ScheduleParseResult(CronSchedule? Schedule, string? CronError, string? TimeZoneError)
{
    public bool Succeeded => Schedule is not null;
}
