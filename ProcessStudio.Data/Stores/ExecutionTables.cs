using ProcessStudio.Data.Entities;
using ProcessStudio.Data.Sqlite;

namespace ProcessStudio.Data.Stores;

/// <summary>The run tables' columns, shared by the SQLite and the PostgreSQL hot write paths.</summary>
internal static class ExecutionTables
{
    public static readonly ColumnSet<ExecutionEntity> ExecutionColumns = new("Executions",
        ("Id", e => e.Id), ("WorkflowId", e => e.WorkflowId), ("WorkflowVersion", e => e.WorkflowVersion),
        ("WorkflowName", e => e.WorkflowName), ("Status", e => e.Status), ("Mode", e => e.Mode),
        ("Input", e => e.Input), ("Output", e => e.Output), ("CreatedAt", e => e.CreatedAt),
        ("StartedAt", e => e.StartedAt), ("StoppedAt", e => e.StoppedAt), ("PausedAt", e => e.PausedAt),
        ("ErrorMessage", e => e.ErrorMessage), ("ErrorNodeId", e => e.ErrorNodeId), ("RetryCount", e => e.RetryCount),
        ("RetryOf", e => e.RetryOf), ("ParentExecutionId", e => e.ParentExecutionId), ("TotalNodes", e => e.TotalNodes),
        ("CompletedNodes", e => e.CompletedNodes), ("FailedNodes", e => e.FailedNodes), ("Breakpoints", e => e.Breakpoints),
        ("Version", e => e.Version), ("WakeAt", e => e.WakeAt), ("CorrelationId", e => e.CorrelationId),
        ("StatusReason", e => e.StatusReason), ("TimeoutMs", e => e.TimeoutMs), ("DeadlineAt", e => e.DeadlineAt), ("LockKey", e => e.LockKey));

    public static readonly ColumnSet<NodeExecutionEntity> NodeColumns = new("NodeExecutions",
        ("Id", n => n.Id), ("ExecutionId", n => n.ExecutionId), ("NodeId", n => n.NodeId), ("NodeName", n => n.NodeName),
        ("NodeType", n => n.NodeType), ("Step", n => n.Step), ("Status", n => n.Status), ("Attempts", n => n.Attempts),
        ("StartedAt", n => n.StartedAt), ("FinishedAt", n => n.FinishedAt), ("Input", n => n.Input), ("Output", n => n.Output),
        ("OutputPort", n => n.OutputPort), ("Error", n => n.Error), ("AttemptLog", n => n.AttemptLog), ("Progress", n => n.Progress),
        ("Pinned", n => n.Pinned), ("Compensation", n => n.Compensation));

    public static readonly ColumnSet<ExecutionLogEntity> LogColumns = new("ExecutionLogs",
        ("ExecutionId", l => l.ExecutionId), ("Timestamp", l => l.Timestamp), ("Level", l => l.Level),
        ("Message", l => l.Message), ("NodeId", l => l.NodeId), ("Step", l => l.Step), ("Data", l => l.Data));

    public static readonly ColumnSet<ExecutionValueEntity> ValueColumns = new("ExecutionValues",
        ("ExecutionId", v => v.ExecutionId), ("Key", v => v.Key), ("Json", v => v.Json));

    /// <summary>
    /// The current checkpoint row holds no state: the run's current state is its latest history row, so each step writes
    /// its state once (schema 10) and, on SQLite, leaves this row alone unless IsActive changes (schema 17).
    /// </summary>
    public static readonly ColumnSet<CheckpointEntity> CheckpointColumns = new("Checkpoints",
        ("ExecutionId", c => c.ExecutionId), ("Step", c => c.Step), ("State", _ => CheckpointEntity.InHistory),
        ("IsActive", c => c.IsActive), ("UpdatedAt", c => c.UpdatedAt), ("BaseStep", c => c.BaseStep));

    public static readonly ColumnSet<CheckpointEntity> HistoryColumns = new("CheckpointHistory",
        ("ExecutionId", c => c.ExecutionId), ("Step", c => c.Step), ("State", c => c.State), ("CreatedAt", c => c.UpdatedAt),
        ("BaseStep", c => c.BaseStep));

    /// <summary>
    /// Fixed when a run is created. Leaving them out of UPDATE spares SQLite rewriting the history indexes on every step.
    /// WorkflowVersion (in no index) changes when a paused run resumes on another version.
    /// </summary>
    public static readonly string[] ImmutableExecutionColumns =
        ["Id", "WorkflowId", "WorkflowName", "Mode", "Input", "CreatedAt", "RetryOf", "ParentExecutionId", "Version", "CorrelationId", "LockKey", "TimeoutMs"];
}
