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

    /// <summary>Re-renders the link only when its label or animation changed.</summary>
    public void Show(string label, bool active)
    {
        if (label == Label && active == Active) return;
        (Label, Active) = (label, active);
        Refresh();
    }

    public static string Describe(string sourceName, string sourcePort, string targetName) =>
        $"Link from {sourceName} {sourcePort} to {targetName}";
}
