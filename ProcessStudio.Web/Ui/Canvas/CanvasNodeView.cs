using System.Globalization;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Nodes;

namespace ProcessStudio.Web.Ui.Canvas;

public sealed record PortView(string Name, string Label, double Offset);

/// <summary>Everything one node card shows, flattened so a card re-renders only when its <see cref="Signature"/> changes.</summary>
public sealed record CanvasNodeView(
    string Id,
    string Name,
    string TypeLabel,
    string Icon,
    NodeCategory Category,
    double X,
    double Y,
    double Height,
    bool HasInput,
    IReadOnlyList<PortView> Outputs,
    bool Selected,
    bool HasError,
    bool Breakpoint,
    bool Disabled,
    bool ValidTarget,
    NodeOverlay? Overlay)
{
    public string Status => Overlay?.Status.ToString().ToLowerInvariant() ?? "idle";

    /// <summary>The CSS class of the node's rollback state, e.g. "comp-succeeded"; null when it is not being compensated.</summary>
    public string? CompensationClass => Overlay?.Compensation is { } c ? $"comp-{c.ToString().ToLowerInvariant()}" : null;

    /// <summary>The badge over a node being rolled back.</summary>
    public string? CompensationText => Overlay?.Compensation switch
    {
        null => null,
        NodeExecutionStatus.Succeeded => "Compensated",
        NodeExecutionStatus.Failed => "Compensation failed",
        NodeExecutionStatus.Running => "Compensating…",
        var other => $"Compensation {other.Value.ToString().ToLowerInvariant()}",
    };

    /// <summary>The node has a pinned output: designer test runs use it instead of running the node.</summary>
    public bool Pinned { get; init; }

    /// <summary>A single plain "out" port needs no label; any other output shows its name next to the port.</summary>
    public bool ShowsPortLabels => Outputs.Count > 1 || Outputs.Any(o => o.Name != "out");

    /// <summary>
    /// Room kept free at the card's right edge so the name and type never run under the port labels: the longest label
    /// at about 6.5 px a character (10.5 px semibold), plus the port. Null leaves the stylesheet's padding.
    /// </summary>
    public int? LabelPadding => ShowsPortLabels ? 24 + (int)Math.Ceiling(6.5 * Outputs.Max(o => o.Label.Length)) : null;

    public string Signature => string.Join('|',
        Name, TypeLabel, Icon, X.ToString(CultureInfo.InvariantCulture), Y.ToString(CultureInfo.InvariantCulture),
        string.Join(',', Outputs.Select(o => o.Name + ":" + o.Label)), Selected, HasError, Breakpoint, Disabled, ValidTarget, Overlay, Pinned);

    /// <summary>The line under the node's type while a run is shown: attempt, progress, duration or the state itself.</summary>
    public string? OverlayText => Overlay switch
    {
        null => null,
        { Status: NodeExecutionStatus.Retrying, MaxAttempts: > 0 } o => $"Attempt {o.Attempt} of {o.MaxAttempts}",
        // A For Each waits while its body runs: its card says how far it got, as the inspector does.
        { Status: NodeExecutionStatus.Running or NodeExecutionStatus.Waiting, Progress: { Done: { } done, Total: { } total } } => $"Item {done} of {total}",
        { Status: NodeExecutionStatus.Running, Progress.Message: { } message } => message,
        { Status: NodeExecutionStatus.Succeeded or NodeExecutionStatus.Failed, DurationMs: { } ms } => FormatDuration(ms),
        { Status: var status } => status.ToString(),
    };

    public static string FormatDuration(long ms) => ms switch
    {
        < 1000 => $"{ms} ms",
        < 60_000 => (ms / 1000.0).ToString("0.0#", CultureInfo.InvariantCulture) + " s",
        _ => $"{ms / 60_000}m {ms % 60_000 / 1000}s",
    };

    public static CanvasNodeView Create(NodeDefinition node, NodeDescriptor? descriptor, IReadOnlyList<PortDescriptor> outputs,
        bool hasInput, bool selected, bool hasError, bool breakpoint, bool validTarget, NodeOverlay? overlay)
    {
        var height = CanvasGeometry.NodeHeight(outputs.Count);
        var ports = outputs.Select((p, i) => new PortView(p.Name, p.Label, CanvasGeometry.OutputOffset(i, outputs.Count, height))).ToList();
        return new CanvasNodeView(node.Id, node.Name, descriptor?.DisplayName ?? $"Unknown type '{node.Type}'", descriptor?.Icon ?? "circle-help",
            descriptor?.Category ?? NodeCategory.Action, node.Position.X, node.Position.Y, height, hasInput, ports,
            selected, hasError || descriptor is null, breakpoint, node.Disabled, validTarget, overlay) { Pinned = node.PinnedOutput is not null };
    }
}
