using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution;

/// <summary>Everything the engine tells observers. Published to <see cref="IEngineEventStream"/>.</summary>
public abstract record EngineEvent(Guid ExecutionId, DateTimeOffset Timestamp);

public sealed record ExecutionStatusChanged(
    Guid ExecutionId,
    DateTimeOffset Timestamp,
    Guid WorkflowId,
    ExecutionStatus Status,
    int TotalNodes,
    int CompletedNodes,
    int FailedNodes,
    string? ErrorMessage,
    string? ErrorNodeId,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? StoppedAt = null,
    string? StatusReason = null) : EngineEvent(ExecutionId, Timestamp)
{
    /// <summary>The record's status, counters, error and timing as of <paramref name="at"/>.</summary>
    public static ExecutionStatusChanged Of(ExecutionRecord record, DateTimeOffset at) =>
        new(record.Id, at, record.WorkflowId, record.Status, record.TotalNodes, record.CompletedNodes, record.FailedNodes,
            record.ErrorMessage, record.ErrorNodeId, record.StartedAt, record.StoppedAt, record.StatusReason);
}

public sealed record NodeStatusChanged(
    Guid ExecutionId,
    DateTimeOffset Timestamp,
    string NodeId,
    Guid NodeExecutionId,
    NodeExecutionStatus Status,
    int Attempt,
    int MaxAttempts,
    long? DurationMs,
    string? OutputPort,
    string? Error,
    string? NodeType = null) : EngineEvent(ExecutionId, Timestamp)
{
    /// <summary>When the node finished on <see cref="OutputPort"/>: how many items left by it (<see cref="Execution.OutputItems"/>).</summary>
    public int? OutputItems { get; init; }
    /// <summary>The record belongs to a rollback (<see cref="Persistence.NodeExecutionRecord.Compensation"/>).</summary>
    public bool Compensation { get; init; }
}

public sealed record NodeRetryScheduled(
    Guid ExecutionId,
    DateTimeOffset Timestamp,
    string NodeId,
    int Attempt,
    int MaxAttempts,
    string Error,
    DateTimeOffset NextAttemptAt) : EngineEvent(ExecutionId, Timestamp);

public sealed record NodeProgressChanged(
    Guid ExecutionId,
    DateTimeOffset Timestamp,
    string NodeId,
    NodeProgress Progress) : EngineEvent(ExecutionId, Timestamp);

public sealed record LogWritten(ExecutionLogRecord Log) : EngineEvent(Log.ExecutionId, Log.Timestamp);

/// <summary>
/// Some of the run's events did not reach this instance (its cluster listener reconnected, or an event went missing):
/// its state was published again from the store just before this, but its log lines were not. A viewer that shows the
/// lines reads those it lacks from the store. Only on the live stream; no API or hub message carries it.
/// </summary>
public sealed record LiveEventsMissed(Guid ExecutionId, DateTimeOffset Timestamp) : EngineEvent(ExecutionId, Timestamp);

/// <summary>
/// The in-process stream of engine events. Each subscriber reads from its own bounded channel; when a reader falls
/// behind, progress and status events coalesce (latest per node wins) and excess log lines are counted as dropped,
/// so a slow subscriber never slows a run.
/// </summary>
public interface IEngineEventStream
{
    IEngineSubscription Subscribe(Func<EngineEvent, bool>? filter = null, int capacity = 1024);
}

/// <summary>
/// What a viewer follows: the events of runs on this instance plus those other instances sharing the database fan out
/// to it (<see cref="Cluster.ClusterEventReceiver"/>). Pages, the hub and the SSE endpoint read this; work that must
/// happen once per event (locks, reactions) reads <see cref="IEngineEventStream"/>, which carries this instance's only.
/// </summary>
public interface ILiveEventStream : IEngineEventStream;

public interface IEngineSubscription : IDisposable
{
    IAsyncEnumerable<EngineEvent> ReadAllAsync(CancellationToken cancellationToken);
    /// <summary>How many log events were dropped because this subscriber was too slow.</summary>
    long DroppedLogs { get; }
}
