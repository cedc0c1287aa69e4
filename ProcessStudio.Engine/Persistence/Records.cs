using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;

namespace ProcessStudio.Engine.Persistence;

public sealed record WorkflowSummary(
    Guid Id,
    string Name,
    string? Description,
    int LatestVersion,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    ExecutionStatus? LastRunStatus,
    DateTimeOffset? LastRunAt,
    int NodeCount);

public sealed record WorkflowVersion(
    Guid WorkflowId,
    int Version,
    WorkflowDefinition Definition,
    DateTimeOffset CreatedAt,
    string? Comment);

public sealed record WorkflowVersionInfo(Guid WorkflowId, int Version, DateTimeOffset CreatedAt, string? Comment, int NodeCount);

/// <summary>One run of one workflow version.</summary>
public sealed class ExecutionRecord
{
    public Guid Id { get; set; }
    public Guid WorkflowId { get; set; }
    public int WorkflowVersion { get; set; }
    public string WorkflowName { get; set; } = "";
    public ExecutionStatus Status { get; set; }
    public ExecutionMode Mode { get; set; }
    public JsonNode? Input { get; set; }
    public JsonNode? Output { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? StoppedAt { get; set; }
    public DateTimeOffset? PausedAt { get; set; }
    public string? ErrorMessage { get; set; }
    public string? ErrorNodeId { get; set; }
    public int RetryCount { get; set; }
    /// <summary>The run this one retries, if any.</summary>
    public Guid? RetryOf { get; set; }
    /// <summary>The parent run when started by a sub-workflow node.</summary>
    public Guid? ParentExecutionId { get; set; }
    public int TotalNodes { get; set; }
    public int CompletedNodes { get; set; }
    public int FailedNodes { get; set; }
    /// <summary>While waiting: the earliest time a waiting node wants to be woken without a signal (timer, timeout).</summary>
    public DateTimeOffset? WakeAt { get; set; }
    /// <summary>Node ids at which the run pauses before running them.</summary>
    public List<string> Breakpoints { get; set; } = [];
    /// <summary>The caller's id tying this run to its own records (a request, an order); kept by retries, inherited by sub-workflows.</summary>
    public string? CorrelationId { get; set; }
    /// <summary>Why the run stopped when its status alone does not say (<see cref="Execution.StatusReasons"/>), e.g. timedOut.</summary>
    public string? StatusReason { get; set; }
    /// <summary>The run's time limit, counted from when it may start (created, or released from the lock queue).</summary>
    public long? TimeoutMs { get; set; }
    /// <summary>When an active run is cancelled as timed out; set with <see cref="TimeoutMs"/> once the run may start.</summary>
    public DateTimeOffset? DeadlineAt { get; set; }
    /// <summary>At most one active run per key: others wait as <see cref="ExecutionStatus.Queued"/> or are refused.</summary>
    public string? LockKey { get; set; }
    /// <summary>Optimistic concurrency token; every update increments it.</summary>
    public long Version { get; set; }
    /// <summary>Status moves not yet committed; the store writes them as outbox rows with the record (see <see cref="Execution.Outbox.RunEvents"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public List<Execution.Outbox.RaisedEvent> RaisedEvents { get; } = [];

    public bool IsActive => Status is ExecutionStatus.Queued or ExecutionStatus.Pending or ExecutionStatus.Running or ExecutionStatus.Paused or ExecutionStatus.Waiting;
    public long? DurationMs => StartedAt is { } s ? (long)((StoppedAt ?? DateTimeOffset.UtcNow) - s).TotalMilliseconds : null;
}

/// <summary>One activation of one node within a run, with every attempt it made.</summary>
public sealed class NodeExecutionRecord
{
    public Guid Id { get; set; }
    public Guid ExecutionId { get; set; }
    public string NodeId { get; set; } = "";
    public string NodeName { get; set; } = "";
    public string NodeType { get; set; } = "";
    /// <summary>The engine step (activation sequence number) this record belongs to.</summary>
    public long Step { get; set; }
    public NodeExecutionStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public JsonNode? Input { get; set; }
    public JsonNode? Output { get; set; }
    public string? OutputPort { get; set; }
    public string? Error { get; set; }
    public List<NodeAttempt> AttemptLog { get; set; } = [];
    public NodeProgress? Progress { get; set; }
    /// <summary>The node did not run: a designer test run used its pinned output instead.</summary>
    public bool Pinned { get; set; }
    /// <summary>
    /// Part of a rollback: the record of a node on a compensating path, or the record that shows a completed node being
    /// undone (its node id is the undone node's; its status is how its compensation went).
    /// </summary>
    public bool Compensation { get; set; }
    public long? DurationMs => FinishedAt is { } f ? (long)(f - StartedAt).TotalMilliseconds : null;
}

public sealed record NodeAttempt(int Number, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, string? Error, string? ErrorDetail, DateTimeOffset? NextAttemptAt);

public sealed record ExecutionLogRecord(
    long Id,
    Guid ExecutionId,
    DateTimeOffset Timestamp,
    LogLevel Level,
    string Message,
    string? NodeId = null,
    long? Step = null,
    JsonNode? Data = null);

/// <summary>
/// The engine's saved state for a run: pending activations and memory, as the engine's own JSON. With a
/// <see cref="BaseStep"/> it is a delta: it holds what changed since the checkpoint of the previous step, and reading it
/// needs every row from the whole checkpoint at BaseStep on (<see cref="CheckpointChain.Compose"/>). Stores keep rows as
/// written and hand out whole ones.
/// </summary>
public sealed record Checkpoint(Guid ExecutionId, long Step, string StateJson, bool IsActive, DateTimeOffset UpdatedAt, long? BaseStep = null);

/// <summary>
/// Everything one engine step changes, committed in one transaction. The store checks <see cref="ExpectedVersion"/>,
/// saves <see cref="Execution"/> with version ExpectedVersion + 1, upserts <see cref="NodeExecutions"/> by id (a record
/// is written again when a suspended node, such as a Delay, finishes later), appends <see cref="Logs"/> and keeps
/// <see cref="Checkpoint"/> both as the latest and by its step for <see cref="IExecutionStore.GetCheckpointAtStepAsync"/>.
/// </summary>
public sealed class StepCommit
{
    public required ExecutionRecord Execution { get; init; }
    /// <summary>The execution version the engine last read; the commit fails with a conflict if it moved.</summary>
    public required long ExpectedVersion { get; init; }
    public IReadOnlyList<NodeExecutionRecord> NodeExecutions { get; init; } = [];
    public IReadOnlyList<ExecutionLogRecord> Logs { get; init; } = [];
    public Checkpoint? Checkpoint { get; init; }
}
