using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Web.Api.Executions;

/// <summary>Where a run spent its time: per node, how often it ran, how it ended, attempts and durations (see <see cref="RunMetrics"/>).</summary>
public sealed record ExecutionMetricsDto(
    Guid ExecutionId,
    ExecutionStatus Status,
    long? DurationMs,
    int Activations,
    int Attempts,
    int Retries,
    IReadOnlyList<NodeMetrics> Nodes)
{
    public static ExecutionMetricsDto From(ExecutionRecord execution, IReadOnlyList<NodeExecutionRecord> records)
    {
        var metrics = RunMetrics.From(records);
        return new(execution.Id, execution.Status, execution.DurationMs, metrics.Activations, metrics.Attempts, metrics.Retries, metrics.Nodes);
    }
}
