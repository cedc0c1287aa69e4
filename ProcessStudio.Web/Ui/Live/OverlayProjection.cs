using ProcessStudio.Web.Ui.Canvas;

namespace ProcessStudio.Web.Ui.Live;

/// <summary>Turns node run states into the canvas overlays; a running node's duration is its elapsed time so far.</summary>
public static class OverlayProjection
{
    public static IReadOnlyDictionary<string, NodeOverlay> From(IReadOnlyDictionary<string, NodeRunState> nodes, DateTimeOffset now) =>
        nodes.Values.ToDictionary(
            n => n.NodeId,
            n => new NodeOverlay(
                n.Status,
                n.Attempt,
                n.MaxAttempts,
                n.IsActive && n.StartedAt is { } started ? (long)(now - started).TotalMilliseconds : n.DurationMs,
                n.Progress,
                n.Error),
            StringComparer.Ordinal);
}
