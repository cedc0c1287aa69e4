using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Web.Api.Executions;

/// <summary>Body of POST /api/v1/executions; the run options are described in docs/api.md.</summary>
public sealed record StartExecutionBody(Guid? WorkflowId, int? Version, JsonNode? Input, IReadOnlyList<string>? Breakpoints,
    string? CorrelationId = null, long? TimeoutMs = null, string? LockKey = null, OnLocked? OnLocked = null)
{
    public RunOptionsInput RunOptions => new(CorrelationId, TimeoutMs, LockKey, OnLocked);
}

/// <summary>Body of POST /api/v1/executions/{id}/retry.</summary>
/// <param name="Version">original (default): the version the run ran; current: the latest saved version.</param>
public sealed record RetryExecutionBody(RetryMode? Mode, string? NodeId, RetryVersion? Version = null);

/// <summary>Body of the bulk commands.</summary>
public sealed record BulkExecutionBody(IReadOnlyList<Guid>? Ids);

/// <param name="Reason">Why the run stopped when its status alone does not say: timedOut for a run past its timeout.</param>
public sealed record ExecutionErrorDto(string Message, string? NodeId, string? Reason = null);

public sealed record ExecutionProgressDto(int TotalNodes, int CompletedNodes, int FailedNodes, double Percentage)
{
    public static ExecutionProgressDto From(ExecutionRecord e) => Of(e.TotalNodes, e.CompletedNodes, e.FailedNodes, e.Status);

    /// <summary>The percentage is the share of nodes that finished (succeeded or failed), and 100 once the run is over.</summary>
    public static ExecutionProgressDto Of(int total, int completed, int failed, ExecutionStatus status) => new(total, completed, failed,
        status.IsFinished() ? 100 : total == 0 ? 0 : Math.Round(100.0 * Math.Min(completed + failed, total) / total, 1));
}

public sealed record ExecutionDto(
    Guid Id,
    Guid WorkflowId,
    int WorkflowVersion,
    string WorkflowName,
    ExecutionStatus Status,
    bool IsActive,
    ExecutionMode Mode,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? StoppedAt,
    DateTimeOffset? PausedAt,
    long? DurationMs,
    ExecutionProgressDto Progress,
    ExecutionErrorDto? Error,
    int RetryCount,
    Guid? RetryOf,
    Guid? ParentExecutionId,
    IReadOnlyList<string> Breakpoints,
    JsonNode? Input,
    JsonNode? Output,
    DateTimeOffset? WakeAt,
    string? CorrelationId,
    string? StatusReason,
    string? LockKey,
    long? TimeoutMs,
    DateTimeOffset? DeadlineAt)
{
    public static ExecutionDto From(ExecutionRecord e, bool withPayload = true) => new(
        e.Id, e.WorkflowId, e.WorkflowVersion, e.WorkflowName, e.Status, e.IsActive, e.Mode,
        e.CreatedAt, e.StartedAt, e.StoppedAt, e.PausedAt, e.DurationMs,
        ExecutionProgressDto.From(e),
        e.ErrorMessage is null ? null : new ExecutionErrorDto(e.ErrorMessage, e.ErrorNodeId, e.StatusReason),
        e.RetryCount, e.RetryOf, e.ParentExecutionId, e.Breakpoints,
        withPayload ? e.Input?.DeepClone() : null,
        withPayload ? e.Output?.DeepClone() : null,
        e.WakeAt, e.CorrelationId, e.StatusReason, e.LockKey, e.TimeoutMs, e.DeadlineAt);
}

public sealed record PageDto<T>(IReadOnlyList<T> Items, int Total, int Offset, int Limit);

public sealed record NodeProgressDto(double? Fraction, long? Done, long? Total, string? Message)
{
    public static NodeProgressDto? From(NodeProgress? p) => p is null ? null : new(p.Fraction, p.Done, p.Total, p.Message);
}

public sealed record NodeAttemptDto(int Number, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, string? Error, string? ErrorDetail, DateTimeOffset? NextAttemptAt)
{
    public static NodeAttemptDto From(NodeAttempt a) => new(a.Number, a.StartedAt, a.FinishedAt, a.Error, a.ErrorDetail, a.NextAttemptAt);
}

/// <summary>One activation of a node: a node inside a loop or reached by several links has several.</summary>
public sealed record NodeActivationDto(
    Guid Id,
    string NodeId,
    string NodeName,
    string NodeType,
    long Step,
    NodeExecutionStatus Status,
    int Attempts,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    long? DurationMs,
    string? OutputPort,
    string? Error,
    NodeProgressDto? Progress,
    IReadOnlyList<NodeAttemptDto> AttemptLog,
    JsonNode? Input,
    JsonNode? Output,
    bool Pinned,
    bool Compensation = false)
{
    public static NodeActivationDto From(NodeExecutionRecord n) => new(
        n.Id, n.NodeId, n.NodeName, n.NodeType, n.Step, n.Status, n.Attempts, n.StartedAt, n.FinishedAt, n.DurationMs,
        n.OutputPort, n.Error, NodeProgressDto.From(n.Progress), n.AttemptLog.Select(NodeAttemptDto.From).ToList(),
        n.Input?.DeepClone(), n.Output?.DeepClone(), n.Pinned, n.Compensation);
}

/// <summary>A node's current state in a run: its latest activation, or pending when it has not run.</summary>
public sealed record NodeStateDto(
    string NodeId,
    string NodeName,
    string NodeType,
    NodeExecutionStatus Status,
    int Activations,
    int Attempts,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    long? DurationMs,
    string? OutputPort,
    string? Error,
    NodeProgressDto? Progress);

public sealed record ExecutionDetailDto(ExecutionDto Execution, IReadOnlyList<NodeStateDto> Nodes, IReadOnlyList<NodeActivationDto> Activations)
{
    public static ExecutionDetailDto From(ExecutionRecord execution, WorkflowDefinition? definition, IReadOnlyList<NodeExecutionRecord> records)
    {
        var byNode = records.GroupBy(r => r.NodeId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Step).ThenBy(r => r.StartedAt).ToList());
        var drawnNodes = definition?.Nodes.Select(n => (n.Id, n.Name, n.Type)) ?? [];
        var ranOnlyNodes = byNode.Keys.Except(definition?.Nodes.Select(n => n.Id) ?? [])
            .Select(id => (Id: id, Name: byNode[id][^1].NodeName, Type: byNode[id][^1].NodeType));

        var nodes = drawnNodes.Concat(ranOnlyNodes).Select(node =>
        {
            if (!byNode.TryGetValue(node.Id, out var activations))
                return new NodeStateDto(node.Id, node.Name, node.Type, NodeExecutionStatus.Pending, 0, 0, null, null, null, null, null, null);
            var latest = activations[^1];
            var ran = RunMetrics.ActivationsOf(activations);
            return new NodeStateDto(node.Id, latest.NodeName, latest.NodeType, latest.Status, ran.Count, ran.Sum(a => a.Attempts),
                latest.StartedAt, latest.FinishedAt, latest.DurationMs, latest.OutputPort, latest.Error, NodeProgressDto.From(latest.Progress));
        }).ToList();

        var all = records.OrderBy(r => r.Step).ThenBy(r => r.StartedAt).Select(NodeActivationDto.From).ToList();
        return new(ExecutionDto.From(execution), nodes, all);
    }
}

public sealed record ExecutionLogDto(long Id, DateTimeOffset Timestamp, Microsoft.Extensions.Logging.LogLevel Level, string Message, string? NodeId, long? Step, JsonNode? Data)
{
    public static ExecutionLogDto From(ExecutionLogRecord l) => new(l.Id, l.Timestamp, l.Level, l.Message, l.NodeId, l.Step, l.Data?.DeepClone());
}

/// <summary>A page of log lines; pass <c>nextAfterId</c> as <c>afterId</c> to read on.</summary>
public sealed record ExecutionLogPageDto(IReadOnlyList<ExecutionLogDto> Items, int Total, int Limit, long? NextAfterId);

public sealed record ExecutionMemoryDto(Guid ExecutionId, ExecutionStatus Status, JsonObject? Memory);

public sealed record BulkItemResultDto(Guid Id, bool Success, int? Status, string? Error);

public sealed record BulkResultDto(int Requested, int Succeeded, int Failed, IReadOnlyList<BulkItemResultDto> Results);
