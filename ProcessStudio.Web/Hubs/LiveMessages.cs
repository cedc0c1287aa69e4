using ProcessStudio.Engine.Execution;

namespace ProcessStudio.Web.Hubs;

/// <summary>One message for hub clients: the client method it calls, its payload, and the run it belongs to (for routing).</summary>
public sealed record LiveMessage(string Method, Guid ExecutionId, Guid WorkflowId, object Payload);

/// <summary>The client methods the hub calls. Payloads are camelCase JSON; statuses and levels are camelCase strings.</summary>
public static class LiveMethods
{
    public const string ExecutionUpdate = "executionUpdate";
    public const string NodeUpdate = "nodeUpdate";
    public const string Log = "log";
}

public sealed record ExecutionUpdate(
    Guid ExecutionId,
    Guid WorkflowId,
    string Status,
    ExecutionProgressDto Progress,
    ExecutionTimingDto Timing,
    string? Error,
    string? ErrorNodeId,
    DateTimeOffset Timestamp);

public sealed record ExecutionProgressDto(int Total, int Completed, int Failed, double Percentage);

public sealed record ExecutionTimingDto(DateTimeOffset? StartedAt, DateTimeOffset? StoppedAt, long? DurationMs);

/// <summary>A node's state change, or (state "running" with <see cref="Progress"/>) a progress report of a running node.</summary>
public sealed record NodeUpdate(
    Guid ExecutionId,
    Guid WorkflowId,
    string NodeId,
    string? NodeType,
    string State,
    int? Attempt,
    int? MaxAttempts,
    long? DurationMs,
    string? OutputPort,
    string? Error,
    NodeProgress? Progress,
    DateTimeOffset Timestamp);

public sealed record LogEntry(Guid ExecutionId, Guid WorkflowId, string Level, string Message, string? NodeId, DateTimeOffset Timestamp);
