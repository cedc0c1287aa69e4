using ProcessStudio.Engine.Execution;

namespace ProcessStudio.Web.Api.Executions;

/// <summary>One server-sent event of a run: <c>event: {Type}</c>, <c>data: {Data as JSON}</c>.</summary>
public sealed record ExecutionEventDto(string Type, object Data)
{
    public const string StatusType = "execution-status";

    public static ExecutionEventDto? From(EngineEvent engineEvent) => engineEvent switch
    {
        ExecutionStatusChanged e => new(StatusType, new ExecutionStatusEventDto(e.ExecutionId, e.Timestamp, e.Status, !e.Status.IsFinished(),
            ExecutionProgressDto.Of(e.TotalNodes, e.CompletedNodes, e.FailedNodes, e.Status),
            e.ErrorMessage is null ? null : new ExecutionErrorDto(e.ErrorMessage, e.ErrorNodeId))),
        NodeStatusChanged e => new("node-status", new NodeStatusEventDto(e.Timestamp, e.NodeId, e.NodeExecutionId, e.Status, e.Attempt,
            e.MaxAttempts, e.DurationMs, e.OutputPort, e.Error)),
        NodeRetryScheduled e => new("node-retry", new NodeRetryEventDto(e.Timestamp, e.NodeId, e.Attempt, e.MaxAttempts, e.Error, e.NextAttemptAt)),
        NodeProgressChanged e => new("node-progress", new NodeProgressEventDto(e.Timestamp, e.NodeId, NodeProgressDto.From(e.Progress)!)),
        LogWritten e => new("log", ExecutionLogDto.From(e.Log)),
        _ => null,
    };
}

public sealed record ExecutionStatusEventDto(
    Guid ExecutionId,
    DateTimeOffset Timestamp,
    ExecutionStatus Status,
    bool IsActive,
    ExecutionProgressDto Progress,
    ExecutionErrorDto? Error);

public sealed record NodeStatusEventDto(
    DateTimeOffset Timestamp,
    string NodeId,
    Guid NodeExecutionId,
    NodeExecutionStatus Status,
    int Attempt,
    int MaxAttempts,
    long? DurationMs,
    string? OutputPort,
    string? Error);

public sealed record NodeRetryEventDto(DateTimeOffset Timestamp, string NodeId, int Attempt, int MaxAttempts, string Error, DateTimeOffset NextAttemptAt);

public sealed record NodeProgressEventDto(DateTimeOffset Timestamp, string NodeId, NodeProgressDto Progress);
