namespace ProcessStudio.Engine.Scheduling;

/// <summary>
/// A workflow's activation and where its schedule stands. <see cref="Cron"/>, <see cref="TimeZone"/> and <see cref="Misfire"/>
/// are copied from the latest saved version, so the scheduler needs no workflow read to advance.
/// </summary>
public sealed record WorkflowSchedule(
    Guid WorkflowId,
    bool Active,
    string Cron,
    string TimeZone,
    MisfirePolicy Misfire,
    int WorkflowVersion,
    DateTimeOffset? NextFireAt,
    DateTimeOffset? LastFiredAt,
    DateTimeOffset UpdatedAt);

/// <summary>
/// One claimed fire time. The execution id is chosen when the fire is claimed, so starting it again after a crash
/// finds the run it already created instead of making a second one.
/// </summary>
public sealed record ScheduleFire(Guid WorkflowId, DateTimeOffset ScheduledFor, Guid ExecutionId, DateTimeOffset ClaimedAt, string TimeZone, bool CatchUp,
    bool Started);

/// <summary>Persisted schedules and their fire ledger. Every write is atomic.</summary>
public interface IScheduleStore
{
    Task<WorkflowSchedule?> GetAsync(Guid workflowId, CancellationToken cancellationToken);
    Task<IReadOnlyList<WorkflowSchedule>> ListActiveAsync(CancellationToken cancellationToken);
    Task<IReadOnlyList<WorkflowSchedule>> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the workflow's schedule.</summary>
    Task SaveAsync(WorkflowSchedule schedule, CancellationToken cancellationToken);

    /// <summary>Removes the schedule and its fire ledger (the workflow was deleted).</summary>
    Task<bool> RemoveAsync(Guid workflowId, CancellationToken cancellationToken);

    /// <summary>
    /// Moves an active schedule from <paramref name="expectedNextFireAt"/> to <paramref name="nextFireAt"/> and, when
    /// <paramref name="fire"/> is given, records it in the same transaction. False (and nothing written) when the
    /// schedule moved meanwhile: another claim, a deactivation or a save won.
    /// </summary>
    Task<bool> TryAdvanceAsync(Guid workflowId, DateTimeOffset expectedNextFireAt, DateTimeOffset? nextFireAt, ScheduleFire? fire,
        CancellationToken cancellationToken);

    /// <summary>Claimed fires whose run has not been confirmed started (the process may have stopped in between).</summary>
    Task<IReadOnlyList<ScheduleFire>> ListUnstartedFiresAsync(CancellationToken cancellationToken);
    Task MarkStartedAsync(Guid workflowId, DateTimeOffset scheduledFor, CancellationToken cancellationToken);
    Task<IReadOnlyList<ScheduleFire>> ListFiresAsync(Guid workflowId, CancellationToken cancellationToken);
}
