using ProcessStudio.Engine.Execution;

namespace ProcessStudio.Web.Ui.Live;

/// <summary>The live state of one canvas node in a run: its latest activation.</summary>
public sealed record NodeRunState(
    string NodeId,
    NodeExecutionStatus Status,
    int Attempt,
    int MaxAttempts,
    DateTimeOffset? StartedAt,
    long? DurationMs,
    NodeProgress? Progress,
    string? Error,
    string? OutputPort,
    DateTimeOffset? NextAttemptAt,
    NodeExecutionStatus? Compensation = null)
{
    public bool IsActive => Status is NodeExecutionStatus.Running or NodeExecutionStatus.Retrying or NodeExecutionStatus.Waiting;

    public bool IsTerminal => Status is NodeExecutionStatus.Succeeded or NodeExecutionStatus.Failed
        or NodeExecutionStatus.Skipped or NodeExecutionStatus.Cancelled;

    public static NodeRunState Pending(string nodeId) => new(nodeId, NodeExecutionStatus.Pending, 0, 0, null, null, null, null, null, null);
}
