namespace ProcessStudio.Engine.Scheduling;

/// <summary>What the API and the designer show about a workflow's schedule.</summary>
public sealed record ScheduleStatus(
    Guid WorkflowId,
    bool HasScheduleTrigger,
    bool Active,
    string? Cron,
    string? TimeZone,
    MisfirePolicy? Misfire,
    IReadOnlyList<DateTimeOffset> NextFireTimes,
    DateTimeOffset? LastFiredAt);

/// <summary>Activation refused: the latest version has no enabled Schedule trigger, or its settings do not parse.</summary>
public sealed class ScheduleNotActivatableException(Guid workflowId, string reason)
    : Exception($"Workflow '{workflowId}' cannot be activated: {reason}")
{
    public Guid WorkflowId { get; } = workflowId;

    public static ScheduleNotActivatableException NoTrigger(Guid workflowId) =>
        new(workflowId, "it has no enabled Schedule trigger; add a Schedule Trigger and save first.");
}
