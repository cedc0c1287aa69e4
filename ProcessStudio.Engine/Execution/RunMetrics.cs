using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution;

/// <summary>
/// Where a run spent its time, from its node records. A skipped record is a node the run routed around: it counts as
/// skipped, never as an activation, and its zero duration stays out of the averages.
/// </summary>
public sealed record RunMetrics(int Activations, int Attempts, int Retries, IReadOnlyList<NodeMetrics> Nodes)
{
    /// <summary>Whether the record is a node that ran (any outcome), as opposed to one the run routed around.</summary>
    public static bool IsActivation(NodeExecutionRecord record) => record.Status != NodeExecutionStatus.Skipped;

    public static RunMetrics From(IReadOnlyList<NodeExecutionRecord> records)
    {
        var nodes = records.GroupBy(r => r.NodeId).Select(NodeMetrics.From).OrderByDescending(n => n.TotalDurationMs).ToList();
        return new(nodes.Sum(n => n.Activations), nodes.Sum(n => n.Attempts), nodes.Sum(n => n.Retries), nodes);
    }
}

/// <summary>One node's share of a run: how often it ran, how those activations ended, attempts and durations.</summary>
public sealed record NodeMetrics(
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
    public static NodeMetrics From(IGrouping<string, NodeExecutionRecord> node)
    {
        var all = node.ToList();
        var ran = all.Where(RunMetrics.IsActivation).ToList();
        var durations = ran.Where(r => r.DurationMs is not null).Select(r => r.DurationMs!.Value).ToList();
        return new(
            node.Key,
            all[^1].NodeName,
            all[^1].NodeType,
            ran.Count,
            ran.Count(r => r.Status == NodeExecutionStatus.Succeeded),
            ran.Count(r => r.Status == NodeExecutionStatus.Failed),
            all.Count - ran.Count,
            ran.Sum(r => r.Attempts),
            ran.Sum(r => Math.Max(0, r.Attempts - 1)),
            durations.Sum(),
            durations.Count > 0 ? Math.Round(durations.Average(), 1) : null,
            durations.Count > 0 ? durations.Max() : null);
    }
}
