namespace ProcessStudio.Engine.Scheduling;

public sealed class SchedulingOptions
{
    /// <summary>How often the scheduler looks for due schedules; a fire starts at most this late.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A fire time found due more than this late is a misfire (the process was down or stalled): the schedule's
    /// misfire policy decides between skipping it and one catch-up run. Fires found due sooner run normally.
    /// </summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromMinutes(1);
}
