using ProcessStudio.Engine.Execution;

namespace ProcessStudio.Engine.Persistence;

/// <summary>Which runs hold their lock key: every store enforces "one per key" over exactly these statuses.</summary>
public static class RunLocks
{
    /// <summary>Pending, running, paused and waiting runs hold their key; queued and finished runs do not.</summary>
    public static readonly IReadOnlyList<ExecutionStatus> HoldingStatuses =
        [ExecutionStatus.Pending, ExecutionStatus.Running, ExecutionStatus.Paused, ExecutionStatus.Waiting];

    public static bool Holds(ExecutionRecord run) => run.LockKey is not null && HoldingStatuses.Contains(run.Status);
}
