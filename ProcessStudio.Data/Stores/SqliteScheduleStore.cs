using Microsoft.EntityFrameworkCore;
using ProcessStudio.Data.Entities;
using ProcessStudio.Data.Mapping;
using ProcessStudio.Data.Sqlite;
using ProcessStudio.Engine.Scheduling;
using static ProcessStudio.Data.Mapping.StorageValues;

namespace ProcessStudio.Data.Stores;

/// <summary>Schedules and their fire ledger in SQLite. A claim is one transaction: advance with an optimistic check, then record the fire.</summary>
public sealed class SqliteScheduleStore(IDbContextFactory<ProcessStudioDbContext> contexts, SqliteWriteGate gate) : IScheduleStore
{
    public async Task<WorkflowSchedule?> GetAsync(Guid workflowId, CancellationToken cancellationToken)
    {
        var id = Id(workflowId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await db.Set<WorkflowScheduleEntity>().FirstOrDefaultAsync(s => s.WorkflowId == id, cancellationToken))?.ToRecord();
    }

    public async Task<IReadOnlyList<WorkflowSchedule>> ListActiveAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<WorkflowScheduleEntity>().Where(s => s.Active).ToListAsync(cancellationToken);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<IReadOnlyList<WorkflowSchedule>> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = Time(now);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<WorkflowScheduleEntity>().Where(s => s.Active && s.NextFireAt <= cutoff).OrderBy(s => s.NextFireAt)
            .ToListAsync(cancellationToken);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task SaveAsync(WorkflowSchedule schedule, CancellationToken cancellationToken)
    {
        var id = Id(schedule.WorkflowId);
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<WorkflowScheduleEntity>().AsTracking().FirstOrDefaultAsync(s => s.WorkflowId == id, cancellationToken);
        if (row is null) db.Add(row = new WorkflowScheduleEntity());
        schedule.CopyTo(row);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> RemoveAsync(Guid workflowId, CancellationToken cancellationToken)
    {
        var id = Id(workflowId);
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<WorkflowScheduleEntity>().Where(s => s.WorkflowId == id).ExecuteDeleteAsync(cancellationToken) > 0;   // fires cascade
    }

    public async Task<bool> TryAdvanceAsync(Guid workflowId, DateTimeOffset expectedNextFireAt, DateTimeOffset? nextFireAt, ScheduleFire? fire,
        CancellationToken cancellationToken)
    {
        var id = Id(workflowId);
        var expected = Time(expectedNextFireAt);
        var next = Time(nextFireAt);
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var schedule = db.Set<WorkflowScheduleEntity>().Where(s => s.WorkflowId == id && s.Active && s.NextFireAt == expected);
        var advanced = fire is null
            ? await schedule.ExecuteUpdateAsync(s => s.SetProperty(x => x.NextFireAt, next), cancellationToken)
            : await schedule.ExecuteUpdateAsync(s => s
                .SetProperty(x => x.NextFireAt, next)
                .SetProperty(x => x.LastFiredAt, Time(fire.ClaimedAt)), cancellationToken);
        if (advanced == 0) return false;   // another claim, a deactivation or a save moved it: nothing is written

        if (fire is not null)
        {
            db.Add(fire.ToEntity());
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<ScheduleFire>> ListUnstartedFiresAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<ScheduleFireEntity>().Where(f => !f.Started).OrderBy(f => f.ScheduledFor).ToListAsync(cancellationToken);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task MarkStartedAsync(Guid workflowId, DateTimeOffset scheduledFor, CancellationToken cancellationToken)
    {
        var id = Id(workflowId);
        var at = Time(scheduledFor);
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Set<ScheduleFireEntity>().Where(f => f.WorkflowId == id && f.ScheduledFor == at)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Started, true), cancellationToken);
    }

    public async Task<IReadOnlyList<ScheduleFire>> ListFiresAsync(Guid workflowId, CancellationToken cancellationToken)
    {
        var id = Id(workflowId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<ScheduleFireEntity>().Where(f => f.WorkflowId == id).OrderBy(f => f.ScheduledFor).ToListAsync(cancellationToken);
        return rows.Select(r => r.ToRecord()).ToList();
    }
}
