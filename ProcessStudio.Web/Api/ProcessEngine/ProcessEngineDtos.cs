using System.Text.Json.Serialization;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Web.Api.Executions;

namespace ProcessStudio.Web.Api.ProcessEngine;

// Response shapes of the seed documents. Their field names (processID, nodeID) are kept as the seeds spell them.

public sealed record ProcessExecutionStartedDto(
    Guid ExecutionId,
    [property: JsonPropertyName("processID")] Guid ProcessId,
    int WorkflowVersion,
    ExecutionStatus Status,
    DateTimeOffset CreatedAt,
    string StatusUrl);

public sealed record ProcessExecutionStatusDto(
    Guid ExecutionId,
    [property: JsonPropertyName("processID")] Guid ProcessId,
    ExecutionStatus Status,
    bool IsActive,
    ExecutionProgressDto Progress,
    ProcessTimingDto Timing,
    IReadOnlyList<ProcessThreadDto> Threads,
    ProcessErrorInfoDto? ErrorInfo,
    string? CorrelationId);

public sealed record ProcessTimingDto(DateTimeOffset? StartedAt, DateTimeOffset? StoppedAt, long? DurationMs);

/// <summary>A node activation that is running right now (several run at once on parallel branches).</summary>
public sealed record ProcessThreadDto(
    [property: JsonPropertyName("nodeID")] string NodeId,
    string NodeName,
    NodeExecutionStatus Status,
    int Attempt,
    DateTimeOffset StartedAt,
    NodeProgressDto? Progress);

/// <param name="Reason">timedOut when the run was cancelled for passing its run timeout.</param>
public sealed record ProcessErrorInfoDto(string Message, [property: JsonPropertyName("nodeID")] string? NodeId, string? Reason = null);

public sealed record ProcessPausedDto(Guid ExecutionId, ExecutionStatus Status, DateTimeOffset PausedAt, int CompletedNodes, int TotalNodes);

public sealed record ProcessResumedDto(Guid ExecutionId, ExecutionStatus Status, DateTimeOffset ResumedAt, int PendingNodes);

public sealed record ProcessCancelledDto(Guid ExecutionId, ExecutionStatus Status, DateTimeOffset CancelledAt);

internal static class ProcessStatusMapping
{
    public static readonly IReadOnlySet<NodeExecutionStatus> LiveNodeStates =
        new HashSet<NodeExecutionStatus> { NodeExecutionStatus.Running, NodeExecutionStatus.Retrying, NodeExecutionStatus.Waiting };

    public static ProcessExecutionStatusDto ToStatus(ExecutionRecord e, IReadOnlyList<NodeExecutionRecord> nodes) => new(
        e.Id,
        e.WorkflowId,
        e.Status,
        e.IsActive,
        ExecutionProgressDto.From(e),
        new ProcessTimingDto(e.StartedAt, e.StoppedAt, e.DurationMs),
        nodes.Where(n => LiveNodeStates.Contains(n.Status))
            .Select(n => new ProcessThreadDto(n.NodeId, n.NodeName, n.Status, n.Attempts, n.StartedAt, NodeProgressDto.From(n.Progress)))
            .ToList(),
        e.ErrorMessage is null ? null : new ProcessErrorInfoDto(e.ErrorMessage, e.ErrorNodeId, e.StatusReason),
        e.CorrelationId);

    /// <summary>Nodes of the run that have not finished yet.</summary>
    public static int PendingNodes(ExecutionRecord e) => Math.Max(0, e.TotalNodes - e.CompletedNodes - e.FailedNodes);
}
