namespace ProcessStudio.Data.Entities;

/// <summary>
/// Storage shape of a run. Ids are lower-case GUID text, times Unix milliseconds (UTC), JSON fields JSON text,
/// enums their integer values (Status references the ExecutionStatuses lookup).
/// </summary>
public sealed class ExecutionEntity
{
    public string Id { get; set; } = "";
    public string WorkflowId { get; set; } = "";
    public int WorkflowVersion { get; set; }
    public string WorkflowName { get; set; } = "";
    public int Status { get; set; }
    public int Mode { get; set; }
    public string? Input { get; set; }
    public string? Output { get; set; }
    public long CreatedAt { get; set; }
    public long? StartedAt { get; set; }
    public long? StoppedAt { get; set; }
    public long? PausedAt { get; set; }
    public string? ErrorMessage { get; set; }
    public string? ErrorNodeId { get; set; }
    public int RetryCount { get; set; }
    public string? RetryOf { get; set; }
    public string? ParentExecutionId { get; set; }
    public int TotalNodes { get; set; }
    public int CompletedNodes { get; set; }
    public int FailedNodes { get; set; }
    public string Breakpoints { get; set; } = "[]";
    public long Version { get; set; }
    /// <summary>While waiting: when the earliest waiting node wants to be woken (Unix ms), else null.</summary>
    public long? WakeAt { get; set; }
    public string? CorrelationId { get; set; }
    public string? StatusReason { get; set; }
    public long? TimeoutMs { get; set; }
    /// <summary>Unix ms after which an active run is cancelled as timed out.</summary>
    public long? DeadlineAt { get; set; }
    /// <summary>Unique among runs that hold it (pending, running, paused, waiting): see migration 17.</summary>
    public string? LockKey { get; set; }
}

public sealed class NodeExecutionEntity
{
    public string Id { get; set; } = "";
    public string ExecutionId { get; set; } = "";
    public string NodeId { get; set; } = "";
    public string NodeName { get; set; } = "";
    public string NodeType { get; set; } = "";
    public long Step { get; set; }
    public int Status { get; set; }
    public int Attempts { get; set; }
    public long StartedAt { get; set; }
    public long? FinishedAt { get; set; }
    public string? Input { get; set; }
    public string? Output { get; set; }
    public string? OutputPort { get; set; }
    public string? Error { get; set; }
    public string AttemptLog { get; set; } = "[]";
    public string? Progress { get; set; }
    public bool Pinned { get; set; }
    public bool Compensation { get; set; }
}

public sealed class ExecutionLogEntity
{
    public long Id { get; set; }
    public string ExecutionId { get; set; } = "";
    public long Timestamp { get; set; }
    public int Level { get; set; }
    public string Message { get; set; } = "";
    public string? NodeId { get; set; }
    public long? Step { get; set; }
    public string? Data { get; set; }
}

/// <summary>The one current checkpoint of a run.</summary>
public sealed class CheckpointEntity
{
    /// <summary>The <see cref="State"/> of every current checkpoint row: the state is the run's latest history row (schema 17).</summary>
    public const string InHistory = "";

    public string ExecutionId { get; set; } = "";
    public long Step { get; set; }
    public string State { get; set; } = "";
    public bool IsActive { get; set; }
    public long UpdatedAt { get; set; }
    /// <summary>Null for a whole state; otherwise a delta chained from the whole checkpoint of this step.</summary>
    public long? BaseStep { get; set; }
}

/// <summary>The state at the start of each step, kept for "restart from node".</summary>
public sealed class CheckpointHistoryEntity
{
    public string ExecutionId { get; set; } = "";
    public long Step { get; set; }
    public string State { get; set; } = "";
    public long CreatedAt { get; set; }
    public long? BaseStep { get; set; }
}

/// <summary>
/// A large value of a run, written once and never updated: the run input (<c>input</c>), node inputs
/// (<c>node/{recordId}/input</c>) and values referenced by the hash of their text (<c>value/{sha256}</c>, see
/// <c>StoredValues</c>). Rows that change (the run, a node record, a checkpoint) refer to these by key.
/// </summary>
public sealed class ExecutionValueEntity
{
    public const string RunInputKey = "input";
    public const string NodeInputPrefix = "node/";

    public string ExecutionId { get; set; } = "";
    public string Key { get; set; } = "";
    public string Json { get; set; } = "";

    public static string NodeInputKey(string nodeExecutionId) => $"{NodeInputPrefix}{nodeExecutionId}/input";
}

/// <summary>Lookup row naming each <c>ExecutionStatus</c> value, so the database is readable without the code.</summary>
public sealed class ExecutionStatusEntity
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
}
