namespace ProcessStudio.Web.Ui.Canvas;

/// <summary>One connection as the canvas shows it: its ends, what a screen reader announces, and its state.</summary>
/// <param name="Items">In a run view: how many items went over the link (null: none yet, or not a run view).</param>
public sealed record LinkView(string Id, string SourceNodeId, string SourcePort, string TargetNodeId, string Label, bool Active, bool Selected, int? Items = null);
