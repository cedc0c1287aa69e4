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
    IReadOnlyList<ExecutionBucket> OverTime)
{
    /// <summary>
    /// Completed runs out of the runs that ended by themselves: a compensated run counts against it (its work was undone),
    /// a cancelled one does not (someone chose to stop it). 0 when none ended.
    /// </summary>
    public static double SuccessRateOf(IReadOnlyDictionary<ExecutionStatus, int> counts)
    {
        var ended = counts.Where(c => c.Key.EndedByItself()).Sum(c => c.Value);
        return ended == 0 ? 0 : (double)counts.GetValueOrDefault(ExecutionStatus.Completed) / ended;
    }
}

/// <summary>One bar of the chart: <see cref="Failed"/> holds the failures that need attention (failed, compensationFailed).</summary>
public sealed record ExecutionBucket(DateTimeOffset Start, int Completed, int Failed, int Other);
