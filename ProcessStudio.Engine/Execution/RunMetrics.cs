using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution;

/// <summary>
/// Where a run spent its time, from its node records. A skipped record is a node the run routed around: it counts as
/// skipped, never as an activation, and its zero duration stays out of the averages. A rollback's marker on an undone
/// node (see <see cref="IsUndoMarker"/>) counts as that node compensated, not as another activation of it.
/// </summary>
public sealed record RunMetrics(int Activations, int Attempts, int Retries, IReadOnlyList<NodeMetrics> Nodes)
{
    /// <summary>Whether the record is a node that ran (any outcome), as opposed to one the run routed around.</summary>
    public static bool IsActivation(NodeExecutionRecord record) => record.Status != NodeExecutionStatus.Skipped;

    /// <summary>
    /// Whether a record of one node is the rollback's marker of one of its completions being undone: a compensation
    /// record of a node that also ran on the run's own path. Nodes on a compensating path never do (a path cannot
    /// rejoin the main one), so their records stay activations.
    /// </summary>
    public static bool IsUndoMarker(NodeExecutionRecord record, IReadOnlyCollection<NodeExecutionRecord> recordsOfItsNode) =>
        record.Compensation && recordsOfItsNode.Any(r => !r.Compensation);

    /// <summary>The records of one node that are activations of it: neither skipped nor a rollback's marker.</summary>
    public static List<NodeExecutionRecord> ActivationsOf(IReadOnlyCollection<NodeExecutionRecord> recordsOfOneNode) =>
        [.. recordsOfOneNode.Where(r => IsActivation(r) && !IsUndoMarker(r, recordsOfOneNode))];

    public static RunMetrics From(IReadOnlyList<NodeExecutionRecord> records)
    {
        var nodes = records.GroupBy(r => r.NodeId).Select(NodeMetrics.From).OrderByDescending(n => n.TotalDurationMs).ToList();
        return new(nodes.Sum(n => n.Activations), nodes.Sum(n => n.Attempts), nodes.Sum(n => n.Retries), nodes);
    }
}

/// <summary>
/// One node's share of a run: how often it ran, how those activations ended, attempts and durations, and how many of
/// its completions a rollback undid.
/// </summary>
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
    long? MaxDurationMs,
    int Compensated)
{
    public static NodeMetrics From(IGrouping<string, NodeExecutionRecord> node)
    {
        var all = node.ToList();
        var ran = RunMetrics.ActivationsOf(all);
        var markers = all.Where(r => RunMetrics.IsUndoMarker(r, all)).ToList();
        var durations = ran.Where(r => r.DurationMs is not null).Select(r => r.DurationMs!.Value).ToList();
        return new(
            node.Key,
            all[^1].NodeName,
            all[^1].NodeType,
            ran.Count,
            ran.Count(r => r.Status == NodeExecutionStatus.Succeeded),
            ran.Count(r => r.Status == NodeExecutionStatus.Failed),
            all.Count(r => !RunMetrics.IsActivation(r)),
            ran.Sum(r => r.Attempts),
            ran.Sum(r => Math.Max(0, r.Attempts - 1)),
            durations.Sum(),
            durations.Count > 0 ? Math.Round(durations.Average(), 1) : null,
            durations.Count > 0 ? durations.Max() : null,
            markers.Count(r => r.Status == NodeExecutionStatus.Succeeded));
    }
}
