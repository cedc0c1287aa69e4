using ProcessStudio.Engine.Execution;
using ProcessStudio.Web.Ui.Canvas;

namespace ProcessStudio.Web.Ui.Live;

/// <summary>
/// Turns node run states into the canvas overlays; a running node's duration is its elapsed time so far. Once the run
/// has ended, a node still shown as waiting or running was cut off (cancelled) and one still pending never ran
/// (skipped): the engine writes no record for either, so their last state would otherwise stay on screen.
/// </summary>
public static class OverlayProjection
{
    public static IReadOnlyDictionary<string, NodeOverlay> From(IReadOnlyDictionary<string, NodeRunState> nodes, DateTimeOffset now,
        ExecutionStatus? runStatus = null) =>
        nodes.Values.ToDictionary(
            n => n.NodeId,
            n => new NodeOverlay(
                Shown(n.Status, runStatus),
                n.Attempt,
                n.MaxAttempts,
                n.IsActive && n.StartedAt is { } started ? (long)(now - started).TotalMilliseconds : n.DurationMs,
                n.Progress,
                n.Error,
                n.Compensation),
            StringComparer.Ordinal);

    private static NodeExecutionStatus Shown(NodeExecutionStatus node, ExecutionStatus? run) => run is { } status && status.IsFinished()
        ? node switch
        {
            NodeExecutionStatus.Running or NodeExecutionStatus.Waiting or NodeExecutionStatus.Retrying or NodeExecutionStatus.Paused => NodeExecutionStatus.Cancelled,
            NodeExecutionStatus.Pending => NodeExecutionStatus.Skipped,
            _ => node,
        }
        : node;
}
