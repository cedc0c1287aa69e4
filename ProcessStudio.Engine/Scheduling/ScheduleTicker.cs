using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Scheduling;

/// <summary>
/// One pass of the scheduler: claims every due fire time and starts its run. Exactly one run per (workflow, fire time):
/// <list type="number">
/// <item>the claim advances the schedule's next fire time only if it is still the one read (optimistic check) and records
/// the fire, with a new execution id, in the same transaction: a second claimer or a restart finds the time already advanced;</item>
/// <item>the run is then created with that execution id and the fire marked started. A crash in between leaves an
/// unstarted fire, which the next pass starts, unless the execution with its id already exists.</item>
/// </list>
/// </summary>
public sealed class ScheduleTicker(
    IScheduleStore schedules,
    IExecutionStore executions,
    IWorkflowEngine engine,
    ScheduleGate gate,
    TimeProvider clock,
    IOptions<SchedulingOptions> options,
    ILogger<ScheduleTicker> logger)
{
    public async Task TickAsync(CancellationToken cancellationToken)
    {
        await StartClaimedFiresAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var due in await schedules.ListDueAsync(now, cancellationToken))
            if (await TryClaimAsync(due, now, cancellationToken) is { } fire)
                await StartAsync(fire, cancellationToken);
    }

    private async Task<ScheduleFire?> TryClaimAsync(WorkflowSchedule schedule, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (schedule.NextFireAt is not { } dueAt) return null;
        if (CronSchedule.Parse(schedule.Cron, schedule.TimeZone).Schedule is not { } cron)
        {
            logger.LogError("Workflow {WorkflowId}: schedule '{Cron}' ({TimeZone}) no longer parses; it stays due until it is saved again",
                schedule.WorkflowId, schedule.Cron, schedule.TimeZone);
            return null;
        }

        var misfired = now - dueAt > options.Value.MisfireThreshold;
        // On time, the next fire follows this one, so a slightly late pass still runs every fire time; after a misfire
        // the schedule continues from now.
        var nextFireAt = cron.NextAfter(misfired ? now : dueAt);
        var fire = misfired && schedule.Misfire == MisfirePolicy.Skip
            ? null
            : new ScheduleFire(schedule.WorkflowId, dueAt, Guid.NewGuid(), now, schedule.TimeZone, CatchUp: misfired, Started: false);

        using (await gate.EnterAsync(cancellationToken))
            if (!await schedules.TryAdvanceAsync(schedule.WorkflowId, dueAt, nextFireAt, fire, cancellationToken))
                return null;   // deactivated, re-saved or claimed meanwhile

        if (fire is null)
            logger.LogWarning("Workflow {WorkflowId}: fire time {DueAt:o} was missed by {Late}; skipped (misfire policy skip), next {Next:o}",
                schedule.WorkflowId, dueAt, now - dueAt, nextFireAt);
        else if (misfired)
            logger.LogWarning("Workflow {WorkflowId}: fire time {DueAt:o} was missed by {Late}; one catch-up run (misfire policy runOnce), next {Next:o}",
                schedule.WorkflowId, dueAt, now - dueAt, nextFireAt);
        return fire;
    }

    private async Task StartClaimedFiresAsync(CancellationToken cancellationToken)
    {
        foreach (var fire in await schedules.ListUnstartedFiresAsync(cancellationToken))
            await StartAsync(fire, cancellationToken);
    }

    private async Task StartAsync(ScheduleFire fire, CancellationToken cancellationToken)
    {
        if (await executions.GetAsync(fire.ExecutionId, cancellationToken) is null)
        {
            try
            {
                await engine.StartAsync(new StartExecutionRequest
                {
                    WorkflowId = fire.WorkflowId,
                    Mode = ExecutionMode.Schedule,
                    Input = ScheduledRunInput.Create(fire.ScheduledFor, fire.ClaimedAt, fire.TimeZone, fire.CatchUp),
                    ExecutionId = fire.ExecutionId,
                }, cancellationToken);
                logger.LogInformation("Execution {ExecutionId} started by the schedule of workflow {WorkflowId} for {ScheduledFor:o}",
                    fire.ExecutionId, fire.WorkflowId, fire.ScheduledFor);
            }
            catch (Exception ex) when (ex is WorkflowInvalidException or NotFoundException)
            {
                // Retrying cannot help: the fire is used up, like a manual start that was refused.
                logger.LogError(ex, "Workflow {WorkflowId}: the scheduled run for {ScheduledFor:o} could not start", fire.WorkflowId, fire.ScheduledFor);
            }
        }
        await schedules.MarkStartedAsync(fire.WorkflowId, fire.ScheduledFor, cancellationToken);
    }
}
