using ProcessStudio.Engine.Execution.Outbox;

namespace ProcessStudio.Engine.Persistence.InMemory;

/// <summary>The outbox in memory, shared with the <see cref="InMemoryExecutionStore"/> that writes run events into it.</summary>
public sealed class InMemoryOutboxStore : IOutboxStore
{
    private readonly object _gate = new();
    private readonly Dictionary<Guid, OutboxMessage> _rows = [];

    public Task AddAsync(IReadOnlyCollection<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        lock (_gate)
            foreach (var message in messages) _rows.TryAdd(message.Id, message);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var claimed = _rows.Values
                .Where(m => m.State == OutboxState.Pending && m.NextAttemptAt <= now && (m.ClaimedUntil is null || m.ClaimedUntil < now))
                .OrderBy(m => m.NextAttemptAt).Take(limit)
                .Select(m => m with { ClaimedBy = owner, ClaimedUntil = leaseUntil })
                .ToList();
            foreach (var message in claimed) _rows[message.Id] = message;
            return Task.FromResult<IReadOnlyList<OutboxMessage>>(claimed);
        }
    }

    public Task<bool> ReleaseAsync(OutboxMessage outcome, string owner, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_rows.TryGetValue(outcome.Id, out var current) || current.ClaimedBy != owner) return Task.FromResult(false);
            _rows[outcome.Id] = outcome with { ClaimedBy = null, ClaimedUntil = null };
            return Task.FromResult(true);
        }
    }

    public Task<OutboxMessage?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        lock (_gate) return Task.FromResult(_rows.GetValueOrDefault(id));
    }

    public Task<bool> RequeueAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_rows.TryGetValue(id, out var row) || row.State != OutboxState.Failed) return Task.FromResult(false);
            _rows[id] = row with { State = OutboxState.Pending, NextAttemptAt = now, FinishedAt = null };
            return Task.FromResult(true);
        }
    }

    public Task<Page<OutboxMessage>> QueryAsync(OutboxQuery query, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var matches = _rows.Values.Where(m =>
                    (query.State is null || m.State == query.State) &&
                    (query.ExecutionId is null || m.ExecutionId == query.ExecutionId) &&
                    (query.SubscriptionId is null || m.SubscriptionId == query.SubscriptionId) &&
                    (query.Type is null || m.Type == query.Type))
                .OrderByDescending(m => m.CreatedAt).ThenBy(m => m.Id).ToList();
            return Task.FromResult(new Page<OutboxMessage>([.. matches.Skip(query.Offset).Take(query.Limit)], matches.Count, query.Offset, query.Limit));
        }
    }

    public Task<int> DeleteDoneBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var old = _rows.Values.Where(m => m.State == OutboxState.Done && m.FinishedAt < cutoff).Select(m => m.Id).ToList();
            old.ForEach(id => _rows.Remove(id));
            return Task.FromResult(old.Count);
        }
    }
}
