namespace ProcessStudio.Engine.Scheduling;

/// <summary>Schedules kept in process memory (tests, and hosts without a database). One lock makes each write atomic.</summary>
public sealed class InMemoryScheduleStore : IScheduleStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, WorkflowSchedule> _schedules = [];
    private readonly Dictionary<(Guid, DateTimeOffset), ScheduleFire> _fires = [];

    public Task<WorkflowSchedule?> GetAsync(Guid workflowId, CancellationToken cancellationToken)
    {
        lock (_lock) return Task.FromResult(_schedules.GetValueOrDefault(workflowId));
    }

    public Task<IReadOnlyList<WorkflowSchedule>> ListActiveAsync(CancellationToken cancellationToken)
    {
        lock (_lock) return Task.FromResult<IReadOnlyList<WorkflowSchedule>>(_schedules.Values.Where(s => s.Active).ToList());
    }

    public Task<IReadOnlyList<WorkflowSchedule>> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyList<WorkflowSchedule>>(
                _schedules.Values.Where(s => s.Active && s.NextFireAt <= now).OrderBy(s => s.NextFireAt).ToList());
    }

    public Task SaveAsync(WorkflowSchedule schedule, CancellationToken cancellationToken)
    {
        lock (_lock) _schedules[schedule.WorkflowId] = schedule;
        return Task.CompletedTask;
    }

    public Task<bool> RemoveAsync(Guid workflowId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var key in _fires.Keys.Where(k => k.Item1 == workflowId).ToList()) _fires.Remove(key);
            return Task.FromResult(_schedules.Remove(workflowId));
        }
    }

    public Task<bool> TryAdvanceAsync(Guid workflowId, DateTimeOffset expectedNextFireAt, DateTimeOffset? nextFireAt, ScheduleFire? fire,
        CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_schedules.TryGetValue(workflowId, out var current) || !current.Active || current.NextFireAt != expectedNextFireAt)
                return Task.FromResult(false);
            if (fire is not null && !_fires.TryAdd((workflowId, fire.ScheduledFor), fire))
                return Task.FromResult(false);
            _schedules[workflowId] = current with
            {
                NextFireAt = nextFireAt,
                LastFiredAt = fire?.ClaimedAt ?? current.LastFiredAt,
            };
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<ScheduleFire>> ListUnstartedFiresAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyList<ScheduleFire>>(_fires.Values.Where(f => !f.Started).OrderBy(f => f.ScheduledFor).ToList());
    }

    public Task MarkStartedAsync(Guid workflowId, DateTimeOffset scheduledFor, CancellationToken cancellationToken)
    {
        lock (_lock)
            if (_fires.TryGetValue((workflowId, scheduledFor), out var fire))
                _fires[(workflowId, scheduledFor)] = fire with { Started = true };
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ScheduleFire>> ListFiresAsync(Guid workflowId, CancellationToken cancellationToken)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyList<ScheduleFire>>(_fires.Values.Where(f => f.WorkflowId == workflowId).OrderBy(f => f.ScheduledFor).ToList());
    }
}
