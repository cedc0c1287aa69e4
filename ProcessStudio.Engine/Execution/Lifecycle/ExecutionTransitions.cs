using ProcessStudio.Engine.Execution.Outbox;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.Lifecycle;

/// <summary>
/// The allowed moves of a run's status, and the only place that assigns one. Every command, the run loop, the waiting
/// runs and the launcher move a record through <see cref="Apply"/>, so a move the table does not list cannot be written,
/// and the timestamps that go with a status (started, paused, stopped, wake time) are set the same way everywhere. A move
/// that others react to (finished, paused, waiting) is recorded on the record, and the store writes it to the outbox in
/// the same transaction.
/// </summary>
public static class ExecutionTransitions
{
    private static readonly IReadOnlyDictionary<ExecutionStatus, ExecutionStatus[]> Allowed = new Dictionary<ExecutionStatus, ExecutionStatus[]>
    {
        // A worker picks it up, or it is cancelled while it waits for one.
        [ExecutionStatus.Pending] = [ExecutionStatus.Running, ExecutionStatus.Cancelled],
        // Stops at a node boundary (pause, breakpoint, step), parks on a wait, or ends; a rollback ends compensated or not.
        [ExecutionStatus.Running] = [ExecutionStatus.Paused, ExecutionStatus.Waiting, ExecutionStatus.Completed, ExecutionStatus.Failed, ExecutionStatus.Cancelled,
            ExecutionStatus.Compensated, ExecutionStatus.CompensationFailed],
        // Resume and step continue it; a paused run holds no worker, so it can only be cancelled otherwise.
        [ExecutionStatus.Paused] = [ExecutionStatus.Running, ExecutionStatus.Cancelled],
        // A signal or its wake time continues it. It cannot be paused: it runs nothing that could stop.
        [ExecutionStatus.Waiting] = [ExecutionStatus.Running, ExecutionStatus.Cancelled],
        // Its lock key was free again (the holder ended), or it is cancelled while it waits its turn.
        [ExecutionStatus.Queued] = [ExecutionStatus.Pending, ExecutionStatus.Cancelled],
        [ExecutionStatus.Completed] = [],
        // Only the compensate command moves an ended run back to running, to undo its completed nodes.
        [ExecutionStatus.Failed] = [ExecutionStatus.Running],
        [ExecutionStatus.Cancelled] = [ExecutionStatus.Running],
        [ExecutionStatus.Compensated] = [],
        [ExecutionStatus.CompensationFailed] = [ExecutionStatus.Running],
    };

    public static bool IsAllowed(ExecutionStatus from, ExecutionStatus to) => Allowed[from].Contains(to);

    /// <summary>The statuses a run may be in to move to <paramref name="to"/>: the guard of the store's conditional write.</summary>
    public static IReadOnlyCollection<ExecutionStatus> From(ExecutionStatus to) => [.. Allowed.Where(e => e.Value.Contains(to)).Select(e => e.Key)];

    /// <summary>Throws the command's 409 when the run's current status cannot move to <paramref name="to"/>.</summary>
    public static void Require(ExecutionRecord record, ExecutionStatus to, string command)
    {
        if (!IsAllowed(record.Status, to)) throw new InvalidTransitionException(record.Id, record.Status, command);
    }

    /// <summary>
    /// Moves the record to <paramref name="to"/> with the timestamps that belong to it. A move the table does not allow is a
    /// bug in the caller (commands check with <see cref="Require"/> first) and throws <see cref="InvalidOperationException"/>.
    /// </summary>
    public static void Apply(ExecutionRecord record, ExecutionStatus to, DateTimeOffset now, DateTimeOffset? wakeAt = null)
    {
        if (!IsAllowed(record.Status, to))
            throw new InvalidOperationException($"Execution {record.Id} cannot move from {record.Status} to {to}.");
        var from = record.Status;
        record.Status = to;
        if (RunEventTypes.ForStatus(to) is { } type) record.RaisedEvents.Add(new RaisedEvent(Guid.NewGuid(), type, now));   // the outbox row of this move
        record.WakeAt = to == ExecutionStatus.Waiting ? wakeAt : null;   // only a waiting run has something to wake
        switch (to)
        {
            case ExecutionStatus.Pending:
                // The run timeout counts from when the run may start: now that it left the lock queue.
                record.DeadlineAt = record.TimeoutMs is { } timeout ? now.AddMilliseconds(timeout) : null;
                break;
            case ExecutionStatus.Running:
                record.StartedAt ??= now;
                record.PausedAt = null;
                record.StoppedAt = null;   // an ended run compensated on demand runs again until its rollback ends
                if (from == ExecutionStatus.Paused)
                {
                    record.ErrorMessage = null;   // a run paused at a failed node (onFailure: pause) is retrying it
                    record.ErrorNodeId = null;   // (a rollback keeps the error it undoes)
                }
                break;
            case ExecutionStatus.Paused:
                record.PausedAt = now;
                break;
            case ExecutionStatus.Completed or ExecutionStatus.Failed or ExecutionStatus.Cancelled or ExecutionStatus.Compensated or ExecutionStatus.CompensationFailed:
                record.StoppedAt = now;
                break;
        }
    }
}
