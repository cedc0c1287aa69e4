namespace ProcessStudio.Web.Ui.Canvas;

/// <summary>One connection as the canvas shows it: its ends, what a screen reader announces, and its state.</summary>
public sealed record LinkView(string Id, string SourceNodeId, string SourcePort, string TargetNodeId, string Label, bool Active, bool Selected);
