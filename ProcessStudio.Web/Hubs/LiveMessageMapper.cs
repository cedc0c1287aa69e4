using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Web.Api.Infrastructure;

namespace ProcessStudio.Web.Hubs;

/// <summary>Turns engine events into hub messages. Retry notices are left out: the node's "retrying" update carries them.</summary>
public static class LiveMessageMapper
{
    public static LiveMessage? Map(EngineEvent engineEvent, Guid workflowId) => engineEvent switch
    {
        ExecutionStatusChanged e => new LiveMessage(LiveMethods.ExecutionUpdate, e.ExecutionId, e.WorkflowId, ToUpdate(e)),
        NodeStatusChanged e => new LiveMessage(LiveMethods.NodeUpdate, e.ExecutionId, workflowId, new NodeUpdate(
            e.ExecutionId, workflowId, e.NodeId, e.NodeType, ApiJson.EnumName(e.Status), e.Attempt, e.MaxAttempts, e.DurationMs, e.OutputPort,
            e.Error, null, e.Timestamp)),
        NodeProgressChanged e => new LiveMessage(LiveMethods.NodeUpdate, e.ExecutionId, workflowId, new NodeUpdate(
            e.ExecutionId, workflowId, e.NodeId, null, ApiJson.EnumName(NodeExecutionStatus.Running), null, null, null, null, null, e.Progress,
            e.Timestamp)),
        LogWritten e => new LiveMessage(LiveMethods.Log, e.ExecutionId, workflowId, new LogEntry(
            e.ExecutionId, workflowId, ApiJson.EnumName(e.Log.Level), e.Log.Message, e.Log.NodeId, e.Timestamp)),
        _ => null,
    };

    public static ExecutionUpdate ToUpdate(ExecutionStatusChanged e) => new(
        e.ExecutionId,
        e.WorkflowId,
        ApiJson.EnumName(e.Status),
        Progress(e.Status, e.TotalNodes, e.CompletedNodes, e.FailedNodes),
        Timing(e.StartedAt, e.StoppedAt),
        e.ErrorMessage,
        e.ErrorNodeId,
        e.Timestamp);

    /// <summary>The current state of a run, so a client joining mid-run starts from where it is.</summary>
    public static ExecutionUpdate ToUpdate(ExecutionRecord record, DateTimeOffset now) => new(
        record.Id,
        record.WorkflowId,
        ApiJson.EnumName(record.Status),
        Progress(record.Status, record.TotalNodes, record.CompletedNodes, record.FailedNodes),
        Timing(record.StartedAt, record.StoppedAt),
        record.ErrorMessage,
        record.ErrorNodeId,
        now);

    /// <summary>Nodes done of the workflow's nodes; a completed run is 100% even when branches it did not take never ran.</summary>
    private static ExecutionProgressDto Progress(ExecutionStatus status, int total, int completed, int failed)
    {
        var percentage = status == ExecutionStatus.Completed ? 100
            : total == 0 ? 0
            : Math.Min(100, Math.Round(100.0 * (completed + failed) / total, 1));
        return new ExecutionProgressDto(total, completed, failed, percentage);
    }

    private static ExecutionTimingDto Timing(DateTimeOffset? startedAt, DateTimeOffset? stoppedAt) =>
        new(startedAt, stoppedAt, startedAt is { } s && stoppedAt is { } e ? (long)(e - s).TotalMilliseconds : null);
}
