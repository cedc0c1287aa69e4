using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Execution.Outbox;

namespace ProcessStudio.Engine.Persistence.InMemory;

/// <summary>
/// An execution store in memory that behaves like the database: records are copied in and out, every write checks and
/// bumps the version, a step commits all its parts or none, node executions are upserted by id, and every checkpoint
/// is kept by step for "restart from node".
/// </summary>
public sealed class InMemoryExecutionStore : IExecutionStore
{
    private readonly object _gate = new();
    private readonly Dictionary<Guid, Entry> _entries = [];
    private long _nextLogId = 1;

    /// <summary>The outbox this store writes run events into, in the same lock as the change that raised them.</summary>
    public InMemoryOutboxStore Outbox { get; } = new();

    private sealed class Entry(ExecutionRecord execution)
    {
        public ExecutionRecord Execution { get; set; } = execution;
        public Dictionary<Guid, NodeExecutionRecord> Nodes { get; } = [];
        public List<ExecutionLogRecord> Logs { get; } = [];
        public SortedList<long, Checkpoint> Checkpoints { get; } = [];
        public Checkpoint? Latest { get; set; }
    }

    public Task CreateAsync(ExecutionRecord execution, Checkpoint? checkpoint, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_entries.ContainsKey(execution.Id)) throw new InvalidOperationException($"Execution {execution.Id} already exists.");
            if (RunLocks.Holds(execution) && HolderOf(execution.LockKey!) is { } holder) throw new RunLockHeldException(execution.LockKey!, holder.Id);
            var entry = new Entry(Copy(execution));
            if (checkpoint is not null) Save(entry, checkpoint);
            _entries[execution.Id] = entry;
        }
        return Task.CompletedTask;
    }

    public Task<ExecutionRecord?> GetAsync(Guid executionId, CancellationToken cancellationToken)
    {
        lock (_gate) return Task.FromResult(_entries.TryGetValue(executionId, out var e) ? Copy(e.Execution) : null);
    }

    public Task CommitStepAsync(StepCommit commit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var entry = Find(commit.Execution.Id);
            if (entry.Execution.Version != commit.ExpectedVersion) throw new ConcurrencyConflictException(commit.Execution.Id);
            var updated = CopyKeepingInput(commit.Execution, entry.Execution.Input);   // the input never changes after creation
            updated.Version = commit.ExpectedVersion + 1;
            entry.Execution = updated;
            foreach (var node in commit.NodeExecutions) entry.Nodes[node.Id] = WithStoredInput(Stored(node), entry.Nodes.GetValueOrDefault(node.Id));
            foreach (var log in commit.Logs) entry.Logs.Add(log with { Id = _nextLogId++, Data = log.Data?.DeepClone() });
            if (commit.Checkpoint is not null) Save(entry, commit.Checkpoint);
            WriteRaisedEvents(commit.Execution);
        }
        return Task.CompletedTask;
    }

    public Task<ExecutionRecord?> TryTransitionAsync(Guid executionId, long expectedVersion, IReadOnlyCollection<ExecutionStatus> allowedFrom,
        Action<ExecutionRecord> apply, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var entry = Find(executionId);
            if (entry.Execution.Version != expectedVersion || !allowedFrom.Contains(entry.Execution.Status)) return Task.FromResult<ExecutionRecord?>(null);
            var updated = Copy(entry.Execution);
            apply(updated);
            if (RunLocks.Holds(updated) && HolderOf(updated.LockKey!) is { } holder && holder.Id != executionId) return Task.FromResult<ExecutionRecord?>(null);
            updated.Version = expectedVersion + 1;
            entry.Execution = updated;
            if (updated.Status.IsFinished() && entry.Latest is { } latest) entry.Latest = latest with { IsActive = false };
            WriteRaisedEvents(updated);
            return Task.FromResult<ExecutionRecord?>(Copy(updated));
        }
    }

    public Task<Checkpoint?> GetCheckpointAsync(Guid executionId, CancellationToken cancellationToken)
    {
        lock (_gate) return Task.FromResult(_entries.TryGetValue(executionId, out var e) ? Whole(e, e.Latest) : null);
    }

    public Task<Checkpoint?> GetCheckpointAtStepAsync(Guid executionId, long step, CancellationToken cancellationToken)
    {
        lock (_gate) return Task.FromResult(_entries.TryGetValue(executionId, out var e) ? Whole(e, e.Checkpoints.GetValueOrDefault(step)) : null);
    }

    private static Checkpoint? Whole(Entry entry, Checkpoint? checkpoint) =>
        checkpoint?.BaseStep is { } baseStep
            ? CheckpointChain.Compose(checkpoint, [.. entry.Checkpoints.Values.Where(c => c.Step >= baseStep && c.Step < checkpoint.Step)])
            : checkpoint;

    public Task<IReadOnlyList<ExecutionRecord>> ListByStatusAsync(IReadOnlyCollection<ExecutionStatus> statuses, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<ExecutionRecord>>(_entries.Values.Where(e => statuses.Contains(e.Execution.Status)).Select(e => Copy(e.Execution)).ToList());
    }

    public Task<IReadOnlyList<ExecutionRecord>> ListWaitingDueAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<ExecutionRecord>>(_entries.Values.Select(e => e.Execution)
                .Where(e => e.Status == ExecutionStatus.Waiting && e.WakeAt <= dueBy)
                .OrderBy(e => e.WakeAt).Take(limit).Select(Copy).ToList());
    }

    public Task<Page<ExecutionRecord>> QueryAsync(ExecutionQuery query, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var matches = _entries.Values.Select(e => e.Execution).Where(e =>
                (query.WorkflowId is null || e.WorkflowId == query.WorkflowId) &&
                (query.Statuses is null || query.Statuses.Contains(e.Status)) &&
                (query.Mode is null || e.Mode == query.Mode) &&
                (query.ParentExecutionId is null || e.ParentExecutionId == query.ParentExecutionId) &&
                (query.CorrelationId is null || e.CorrelationId == query.CorrelationId) &&
                (query.LockKey is null || e.LockKey == query.LockKey) &&
                (query.From is null || e.CreatedAt >= query.From) &&
                (query.To is null || e.CreatedAt <= query.To) &&
                (query.Search is null || e.Id.ToString().StartsWith(query.Search, StringComparison.OrdinalIgnoreCase) ||
                 (e.ErrorMessage?.Contains(query.Search, StringComparison.OrdinalIgnoreCase) ?? false)));
            var ordered = query.Descending ? matches.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id) : matches.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id);
            var list = ordered.ToList();
            return Task.FromResult(new Page<ExecutionRecord>(list.Skip(query.Offset).Take(query.Limit).Select(Copy).ToList(), list.Count, query.Offset, query.Limit));
        }
    }

    public Task<IReadOnlyList<NodeExecutionRecord>> GetNodeExecutionsAsync(Guid executionId, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<NodeExecutionRecord>>(_entries.TryGetValue(executionId, out var e)
                ? e.Nodes.Values.OrderBy(n => n.Step).ThenBy(n => n.StartedAt).Select(Copy).ToList()
                : []);
    }

    public Task<Page<ExecutionLogRecord>> GetLogsAsync(Guid executionId, LogQuery query, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var logs = (_entries.TryGetValue(executionId, out var e) ? e.Logs : []).Where(l =>
                (query.MinLevel is null || l.Level >= query.MinLevel) &&
                (query.NodeId is null || l.NodeId == query.NodeId) &&
                (query.Search is null || l.Message.Contains(query.Search, StringComparison.OrdinalIgnoreCase)) &&
                (query.AfterId is null || l.Id > query.AfterId)).ToList();
            return Task.FromResult(new Page<ExecutionLogRecord>(logs.Take(query.Limit).ToList(), logs.Count, 0, query.Limit));
        }
    }

    public Task<ExecutionStatistics> GetStatisticsAsync(DateTimeOffset from, DateTimeOffset to, Guid? workflowId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var runs = _entries.Values.Select(e => e.Execution)
                .Where(e => e.CreatedAt >= from && e.CreatedAt <= to && (workflowId is null || e.WorkflowId == workflowId)).ToList();
            var counts = runs.GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Count());
            var durations = runs.Where(r => r.Status.IsFinished() && r.DurationMs is not null).Select(r => (double)r.DurationMs!.Value).ToList();
            return Task.FromResult(new ExecutionStatistics(counts, runs.Count, ExecutionStatistics.SuccessRateOf(counts),
                durations.Count == 0 ? null : durations.Average(), []));
        }
    }

    public Task<int> DeleteAsync(IReadOnlyCollection<Guid> executionIds, CancellationToken cancellationToken)
    {
        lock (_gate) return Task.FromResult(executionIds.Count(id => _entries.Remove(id)));
    }

    public Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var old = _entries.Values.Where(e => e.Execution.Status.IsFinished() && (e.Execution.StoppedAt ?? e.Execution.CreatedAt) < cutoff)
                .Select(e => e.Execution.Id).ToList();
            old.ForEach(id => _entries.Remove(id));
            return Task.FromResult(old.Count);
        }
    }

    private void WriteRaisedEvents(ExecutionRecord record)
    {
        Outbox.AddAsync(RunEvents.Pending(record), CancellationToken.None);   // synchronous in memory
        RunEvents.Committed(record);
    }

    /// <summary>The active run holding the key: the same rule as the database's unique partial index.</summary>
    private ExecutionRecord? HolderOf(string lockKey) =>
        _entries.Values.Select(e => e.Execution).FirstOrDefault(e => e.LockKey == lockKey && RunLocks.Holds(e));

    public Task<IReadOnlyList<ExecutionRecord>> ListPastDeadlineAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<ExecutionRecord>>(_entries.Values.Select(e => e.Execution)
                .Where(e => RunLocks.HoldingStatuses.Contains(e.Status) && e.DeadlineAt <= now)
                .OrderBy(e => e.DeadlineAt).Take(limit).Select(Copy).ToList());
    }

    public Task<IReadOnlyList<string>> ListStalledLockKeysAsync(int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<string>>(_entries.Values.Select(e => e.Execution)
                .Where(e => e.Status == ExecutionStatus.Queued && e.LockKey is not null && HolderOf(e.LockKey) is null)
                .Select(e => e.LockKey!).Distinct().Take(limit).ToList());
    }

    private Entry Find(Guid executionId) =>
        _entries.TryGetValue(executionId, out var entry) ? entry : throw new NotFoundException("Execution", executionId);

    /// <summary>A record written again without its input keeps the input of its first write, as the database does.</summary>
    private static NodeExecutionRecord WithStoredInput(NodeExecutionRecord written, NodeExecutionRecord? stored)
    {
        if (written.Input is null && stored is not null) written.Input = stored.Input;
        return written;
    }

    private static void Save(Entry entry, Checkpoint checkpoint)
    {
        entry.Checkpoints[checkpoint.Step] = checkpoint;
        entry.Latest = checkpoint;
    }

    private static ExecutionRecord Copy(ExecutionRecord r) => CopyKeepingInput(r, r.Input?.DeepClone());

    /// <summary>A copy that shares nothing with <paramref name="r"/> but <paramref name="input"/>: a stored input is never changed.</summary>
    private static ExecutionRecord CopyKeepingInput(ExecutionRecord r, JsonNode? input) => new()
    {
        Id = r.Id, WorkflowId = r.WorkflowId, WorkflowVersion = r.WorkflowVersion, WorkflowName = r.WorkflowName, Status = r.Status, Mode = r.Mode,
        Input = input, Output = r.Output?.DeepClone(), CreatedAt = r.CreatedAt, StartedAt = r.StartedAt, StoppedAt = r.StoppedAt,
        PausedAt = r.PausedAt, ErrorMessage = r.ErrorMessage, ErrorNodeId = r.ErrorNodeId, RetryCount = r.RetryCount, RetryOf = r.RetryOf,
        ParentExecutionId = r.ParentExecutionId, TotalNodes = r.TotalNodes, CompletedNodes = r.CompletedNodes, FailedNodes = r.FailedNodes,
        Breakpoints = [.. r.Breakpoints], Version = r.Version, WakeAt = r.WakeAt, CorrelationId = r.CorrelationId, StatusReason = r.StatusReason,
        TimeoutMs = r.TimeoutMs, DeadlineAt = r.DeadlineAt, LockKey = r.LockKey,
    };

    private static NodeExecutionRecord Copy(NodeExecutionRecord n) => Copy(n, n.Input?.DeepClone(), n.Output?.DeepClone());

    /// <summary>
    /// A committed record: its own shell, sharing input, output and attempts with the engine, which never changes them once
    /// they are committed (see <c>ExecutionRun.NodeRecord</c>; a database serializes them here). Reads hand out deep copies.
    /// </summary>
    private static NodeExecutionRecord Stored(NodeExecutionRecord n) => Copy(n, n.Input, n.Output, n.AttemptLog);

    private static NodeExecutionRecord Copy(NodeExecutionRecord n, JsonNode? input, JsonNode? output, List<NodeAttempt>? attempts = null) => new()
    {
        Id = n.Id, ExecutionId = n.ExecutionId, NodeId = n.NodeId, NodeName = n.NodeName, NodeType = n.NodeType, Step = n.Step, Status = n.Status,
        Attempts = n.Attempts, StartedAt = n.StartedAt, FinishedAt = n.FinishedAt, Input = input, Output = output,
        OutputPort = n.OutputPort, Error = n.Error, AttemptLog = attempts ?? [.. n.AttemptLog], Progress = n.Progress, Pinned = n.Pinned, Compensation = n.Compensation,
    };
}
