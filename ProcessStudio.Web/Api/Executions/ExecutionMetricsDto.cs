using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Web.Api.Executions;

/// <summary>Where a run spent its time: per node, how often it ran, how it ended, attempts and durations.</summary>
public sealed record ExecutionMetricsDto(
    Guid ExecutionId,
    ExecutionStatus Status,
    long? DurationMs,
    int Activations,
    int Attempts,
    int Retries,
    IReadOnlyList<NodeMetricsDto> Nodes)
{
    public static ExecutionMetricsDto From(ExecutionRecord execution, IReadOnlyList<NodeExecutionRecord> activations)
    {
        var nodes = activations
            .GroupBy(a => a.NodeId)
            .Select(NodeMetricsDto.From)
            .OrderByDescending(n => n.TotalDurationMs)
            .ToList();
        return new(execution.Id, execution.Status, execution.DurationMs, activations.Count,
            nodes.Sum(n => n.Attempts), nodes.Sum(n => n.Retries), nodes);
    }
}

public sealed record NodeMetricsDto(
    string NodeId,
    string NodeName,
    string NodeType,
    int Activations,
    int Succeeded,
    int Failed,
    int Skipped,
    int Attempts,
    int Retries,
    long TotalDurationMs,
    double? AverageDurationMs,
    long? MaxDurationMs)
{
    public static NodeMetricsDto From(IGrouping<string, NodeExecutionRecord> node)
    {
        var list = node.ToList();
        var durations = list.Where(a => a.DurationMs is not null).Select(a => a.DurationMs!.Value).ToList();
        var attempts = list.Sum(a => a.Attempts);
        return new(
            node.Key,
            list[^1].NodeName,
            list[^1].NodeType,
            list.Count,
            list.Count(a => a.Status == NodeExecutionStatus.Succeeded),
            list.Count(a => a.Status == NodeExecutionStatus.Failed),
            list.Count(a => a.Status == NodeExecutionStatus.Skipped),
            attempts,
            list.Sum(a => Math.Max(0, a.Attempts - 1)),
            durations.Sum(),
            durations.Count > 0 ? Math.Round(durations.Average(), 1) : null,
            durations.Count > 0 ? durations.Max() : null);
    }
}
