using ProcessStudio.Engine.Nodes;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.Runtime;

/// <summary>How one activation of a node ended, with everything its step commit records.</summary>
public sealed record ActivationResult(
    Activation Activation,
    NodeOutcome? Outcome,
    Exception? Error,
    bool Cancelled,
    IReadOnlyList<NodeAttempt> Attempts,
    IReadOnlyList<ExecutionLogRecord> Logs,
    NodeProgress? Progress,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    int ConsumedBodies)
{
    /// <summary>The node did not run: its pinned output stood in for it (designer test runs only).</summary>
    public bool Pinned { get; init; }

    /// <summary>How many of the activation's queued signals the node was handed (removed from the queue when applied).</summary>
    public int ConsumedSignals { get; init; }
}
