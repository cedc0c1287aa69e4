using Blazor.Diagrams.Core.Models;

namespace ProcessStudio.Web.Ui.Canvas;

/// <summary>One workflow connection drawn by the library between two preset ports.</summary>
public sealed class WorkflowLinkModel : LinkModel
{
    public WorkflowLinkModel(string connectionId, WorkflowPortModel source, WorkflowPortModel target, string label)
        : base(connectionId, source, target)
    {
        Label = label;
        TargetMarker = LinkMarker.Arrow;
    }

    public string SourcePortName => ((WorkflowPortModel)Source.Model!).Name ?? "";
    public string SourceNodeId => ((WorkflowPortModel)Source.Model!).NodeId;
    public string TargetNodeId => ((WorkflowPortModel)Target.Model!).NodeId;

    /// <summary>What a screen reader announces, e.g. "Link from If true to Log".</summary>
    public string Label { get; private set; }
    /// <summary>Drawn animated: part of a run's active path.</summary>
    public bool Active { get; private set; }

    /// <summary>In a run view, how many items went over this link; shown on it.</summary>
    public int? Items { get; private set; }

    /// <summary>The text on the link: "1 item", "12 items"; null when there is no count to show.</summary>
    public string? ItemsText => Items is { } n ? (n == 1 ? "1 item" : $"{n:N0} items") : null;

    /// <summary>Re-renders the link only when its label, animation or item count changed.</summary>
    public void Show(string label, bool active, int? items = null)
    {
        if (label == Label && active == Active && items == Items) return;
        (Label, Active, Items) = (label, active, items);
        Refresh();
    }

    public static string Describe(string sourceName, string sourcePort, string targetName) =>
        $"Link from {sourceName} {sourcePort} to {targetName}";
}
