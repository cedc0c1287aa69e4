namespace ProcessStudio.Engine.Persistence.InMemory;

/// <summary>Locks of one process, for hosts without a database (tests, the in-memory composition). Waiters queue in arrival order.</summary>
public sealed class InMemoryLockStore : ILockStore
{
    private readonly Dictionary<string, LockHolder> _locks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<LockHolder>> _queues = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public Task<LockHolder?> TryAcquireAsync(string key, LockHolder holder, string nodeId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var queue = _queues.TryGetValue(key, out var waiting) ? waiting : _queues[key] = [];
            if (_locks.TryGetValue(key, out var current))
            {
                if (current == holder) return Task.FromResult<LockHolder?>(null);
                if (!queue.Contains(holder)) queue.Add(holder);
                return Task.FromResult<LockHolder?>(current);
            }
            if (queue.Count > 0 && queue[0] != holder)
            {
                if (!queue.Contains(holder)) queue.Add(holder);
                return Task.FromResult<LockHolder?>(queue[0]);
            }
            queue.Remove(holder);
            if (queue.Count == 0) _queues.Remove(key);
            _locks[key] = holder;
            return Task.FromResult<LockHolder?>(null);
        }
    }

    public Task<bool> ReleaseAsync(string key, Guid executionId, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(_locks.TryGetValue(key, out var current) && current.ExecutionId == executionId && _locks.Remove(key));
    }

    public Task LeaveQueueAsync(string key, LockHolder holder, CancellationToken cancellationToken)
    {
        lock (_gate)
            if (_queues.TryGetValue(key, out var queue) && queue.Remove(holder) && queue.Count == 0) _queues.Remove(key);
        return Task.CompletedTask;
    }

    public Task ReleaseAllAsync(Guid executionId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var key in _locks.Where(l => l.Value.ExecutionId == executionId).Select(l => l.Key).ToList()) _locks.Remove(key);
            foreach (var (key, queue) in _queues.ToList())
                if (queue.RemoveAll(h => h.ExecutionId == executionId) > 0 && queue.Count == 0) _queues.Remove(key);
        }
        return Task.CompletedTask;
    }
}
