using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Scheduling;

/// <summary>
/// Turns schedules on and off and keeps them in step with the workflow: a new saved version recomputes the next fire
/// time, a version without a Schedule trigger deactivates, a deleted workflow loses its schedule.
/// </summary>
public sealed class ScheduleActivation(IScheduleStore schedules, IWorkflowStore workflows, ScheduleGate gate, TimeProvider clock,
    ILogger<ScheduleActivation> logger)
{
    public async Task<ScheduleStatus> ActivateAsync(Guid workflowId, CancellationToken cancellationToken)
    {
        var latest = await workflows.GetLatestAsync(workflowId, cancellationToken) ?? throw new NotFoundException("Workflow", workflowId);
        var trigger = ScheduleSettings.FindTrigger(latest.Definition) ?? throw ScheduleNotActivatableException.NoTrigger(workflowId);
        var settings = ScheduleSettings.From(trigger);
        var parsed = settings.Parse();
        // The designer saves drafts with problems, so a saved cron can still be invalid.
        var schedule = parsed.Schedule ?? throw new ScheduleNotActivatableException(workflowId,
            $"the settings of '{trigger.Name}' are invalid: {parsed.CronError ?? parsed.TimeZoneError}");

        using (await gate.EnterAsync(cancellationToken))
        {
            var existing = await schedules.GetAsync(workflowId, cancellationToken);
            if (existing is not { Active: true })
            {
                var now = clock.GetUtcNow();
                await schedules.SaveAsync(new WorkflowSchedule(workflowId, true, settings.Cron, settings.TimeZone, settings.Misfire, latest.Version,
                    schedule.NextAfter(now), existing?.LastFiredAt, now), cancellationToken);
                logger.LogInformation("Workflow {WorkflowId} activated on schedule '{Cron}' ({TimeZone})", workflowId, settings.Cron, settings.TimeZone);
            }
        }
        return await DescribeAsync(workflowId, cancellationToken);
    }

    public async Task<ScheduleStatus> DeactivateAsync(Guid workflowId, CancellationToken cancellationToken)
    {
        _ = await workflows.GetLatestAsync(workflowId, cancellationToken) ?? throw new NotFoundException("Workflow", workflowId);
        using (await gate.EnterAsync(cancellationToken))
            if (await schedules.GetAsync(workflowId, cancellationToken) is { Active: true } existing)
            {
                await schedules.SaveAsync(existing with { Active = false, NextFireAt = null, UpdatedAt = clock.GetUtcNow() }, cancellationToken);
                logger.LogInformation("Workflow {WorkflowId} deactivated", workflowId);
            }
        return await DescribeAsync(workflowId, cancellationToken);
    }

    /// <summary>The schedule of the latest version: persisted fire times while active, a preview from now otherwise.</summary>
    public async Task<ScheduleStatus> DescribeAsync(Guid workflowId, CancellationToken cancellationToken)
    {
        var latest = await workflows.GetLatestAsync(workflowId, cancellationToken) ?? throw new NotFoundException("Workflow", workflowId);
        var stored = await schedules.GetAsync(workflowId, cancellationToken);
        if (ScheduleSettings.FindTrigger(latest.Definition) is not { } trigger)
            return new ScheduleStatus(workflowId, false, false, null, null, null, [], stored?.LastFiredAt);

        var settings = ScheduleSettings.From(trigger);
        var times = stored is { Active: true, NextFireAt: { } next } && settings.Parse().Schedule is { } schedule
            ? [next, .. schedule.NextOccurrences(next, SchedulePreview.DefaultCount - 1)]
            : SchedulePreview.Of(settings, clock.GetUtcNow()).NextFireTimes;
        return new ScheduleStatus(workflowId, true, stored?.Active == true, settings.Cron, settings.TimeZone, settings.Misfire, times, stored?.LastFiredAt);
    }

    /// <summary>Called after every save: an active schedule follows the new version's settings, or deactivates without a valid trigger.</summary>
    public async Task OnSavedAsync(WorkflowVersion saved, CancellationToken cancellationToken)
    {
        using var _ = await gate.EnterAsync(cancellationToken);
        if (await schedules.GetAsync(saved.WorkflowId, cancellationToken) is not { Active: true } existing) return;
        var now = clock.GetUtcNow();
        var settings = ScheduleSettings.FindTrigger(saved.Definition) is { } trigger ? ScheduleSettings.From(trigger) : null;
        if (settings?.Parse().Schedule is not { } schedule)
        {
            await schedules.SaveAsync(existing with { Active = false, NextFireAt = null, WorkflowVersion = saved.Version, UpdatedAt = now }, cancellationToken);
            logger.LogWarning("Workflow {WorkflowId} v{Version} has no valid Schedule trigger; its schedule was deactivated", saved.WorkflowId, saved.Version);
            return;
        }
        var unchanged = settings.Cron == existing.Cron && settings.TimeZone == existing.TimeZone;
        await schedules.SaveAsync(existing with
        {
            Cron = settings.Cron,
            TimeZone = settings.TimeZone,
            Misfire = settings.Misfire,
            WorkflowVersion = saved.Version,
            NextFireAt = unchanged ? existing.NextFireAt : schedule.NextAfter(now),
            UpdatedAt = now,
        }, cancellationToken);
    }

    public async Task OnDeletedAsync(Guid workflowId, CancellationToken cancellationToken)
    {
        using var _ = await gate.EnterAsync(cancellationToken);
        await schedules.RemoveAsync(workflowId, cancellationToken);
    }
}
