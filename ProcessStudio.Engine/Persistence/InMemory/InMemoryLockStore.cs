namespace ProcessStudio.Engine.Persistence.InMemory;

/// <summary>Locks of one process, for hosts without a database (tests, the in-memory composition).</summary>
public sealed class InMemoryLockStore : ILockStore
{
    private readonly Dictionary<string, LockHolder> _locks = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public Task<LockHolder?> TryAcquireAsync(string key, LockHolder holder, string nodeId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_locks.TryGetValue(key, out var current) && current != holder) return Task.FromResult<LockHolder?>(current);
            _locks[key] = holder;
            return Task.FromResult<LockHolder?>(null);
        }
    }

    public Task<bool> ReleaseAsync(string key, Guid executionId, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(_locks.TryGetValue(key, out var current) && current.ExecutionId == executionId && _locks.Remove(key));
    }

    public Task ReleaseAllAsync(Guid executionId, CancellationToken cancellationToken)
    {
        lock (_gate)
            foreach (var key in _locks.Where(l => l.Value.ExecutionId == executionId).Select(l => l.Key).ToList()) _locks.Remove(key);
        return Task.CompletedTask;
    }
}
