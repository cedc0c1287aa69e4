using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution;

namespace ProcessStudio.Engine.Persistence;

public sealed record ExecutionQuery
{
    public Guid? WorkflowId { get; init; }
    public IReadOnlyList<ExecutionStatus>? Statuses { get; init; }
    public ExecutionMode? Mode { get; init; }
    /// <summary>Only runs started by this run (sub-workflow children, error workflow runs).</summary>
    public Guid? ParentExecutionId { get; init; }
    /// <summary>Only runs started with this correlation id (exact match).</summary>
    public string? CorrelationId { get; init; }
    /// <summary>Only runs started with this lock key (exact match).</summary>
    public string? LockKey { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    /// <summary>Matches an execution id prefix, or text in input, output or error.</summary>
    public string? Search { get; init; }
    public string SortBy { get; init; } = "createdAt";
    public bool Descending { get; init; } = true;
    public int Offset { get; init; }
    public int Limit { get; init; } = 50;
}

public sealed record LogQuery
{
    public LogLevel? MinLevel { get; init; }
    public string? NodeId { get; init; }
    public string? Search { get; init; }
    public long? AfterId { get; init; }
    public int Limit { get; init; } = 200;
}

public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int Offset, int Limit);

public sealed record ExecutionStatistics(
    IReadOnlyDictionary<ExecutionStatus, int> CountsByStatus,
    int Total,
    double SuccessRate,
    double? AverageDurationMs,
    IReadOnlyList<ExecutionBucket> OverTime);

public sealed record ExecutionBucket(DateTimeOffset Start, int Completed, int Failed, int Other);
