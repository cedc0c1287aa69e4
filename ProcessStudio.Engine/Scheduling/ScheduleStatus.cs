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

/// <summary>Activation refused because the latest version has no (enabled) Schedule trigger.</summary>
public sealed class NoScheduleTriggerException(Guid workflowId)
    : Exception($"Workflow '{workflowId}' has no enabled Schedule trigger, so it cannot be activated; add a Schedule Trigger and save first.")
{
    public Guid WorkflowId { get; } = workflowId;
}
