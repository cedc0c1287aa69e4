using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.Lifecycle;

/// <summary>
/// Closes the node records a run leaves open when it ends early: an approval, a Wait until, a sub-workflow or a For Each
/// that was waiting, or a Delay that was paused, ends cancelled with a finish time, like a node that was running.
/// </summary>
public static class UnfinishedNodes
{
    private static readonly NodeExecutionStatus[] Open =
        [NodeExecutionStatus.Pending, NodeExecutionStatus.Running, NodeExecutionStatus.Retrying, NodeExecutionStatus.Waiting, NodeExecutionStatus.Paused];

    /// <summary>The run's open records, as cancelled at <paramref name="now"/>; those in <paramref name="alreadyClosed"/> are left out.</summary>
    public static async Task<IReadOnlyList<NodeExecutionRecord>> CancelAsync(IExecutionStore store, Guid executionId, DateTimeOffset now,
        IEnumerable<NodeExecutionRecord> alreadyClosed, CancellationToken cancellationToken)
    {
        var closed = alreadyClosed.Select(r => r.Id).ToHashSet();
        return (await store.GetNodeExecutionsAsync(executionId, cancellationToken))
            .Where(r => r.FinishedAt is null && Open.Contains(r.Status) && !closed.Contains(r.Id))
            .Select(r =>
            {
                r.Status = NodeExecutionStatus.Cancelled;
                r.FinishedAt = now;
                r.Error ??= "Cancelled";
                return r;
            })
            .ToList();
    }
}
