using ProcessStudio.Engine.Model;

namespace ProcessStudio.Engine.Scheduling;

/// <summary>
/// The next fire times of a Schedule trigger's settings, or why there are none. The designer computes it from the
/// unsaved node as the user types; the API from the saved version. Both get the same answer.
/// </summary>
public sealed record SchedulePreview(ScheduleSettings Settings, CronSchedule? Schedule, IReadOnlyList<DateTimeOffset> NextFireTimes,
    string? CronError, string? TimeZoneError)
{
    public const int DefaultCount = 5;

    public static SchedulePreview Of(NodeDefinition trigger, DateTimeOffset afterUtc, int count = DefaultCount) =>
        Of(ScheduleSettings.From(trigger), afterUtc, count);

    public static SchedulePreview Of(ScheduleSettings settings, DateTimeOffset afterUtc, int count = DefaultCount)
    {
        var parsed = settings.Parse();
        return parsed.Schedule is { } schedule
            ? new SchedulePreview(settings, schedule, schedule.NextOccurrences(afterUtc, count), null, null)
            : new SchedulePreview(settings, null, [], parsed.CronError, parsed.TimeZoneError);
    }
}
