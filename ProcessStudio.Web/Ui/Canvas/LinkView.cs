namespace ProcessStudio.Web.Ui.Canvas;

/// <summary>One drawn link with its end points in world coordinates.</summary>
public sealed record LinkView(string Id, string SourceNodeId, string SourcePort, string TargetNodeId,
    double X1, double Y1, double X2, double Y2, bool Active, bool Selected)
{
    public string Path => CanvasGeometry.LinkPath(X1, Y1, X2, Y2);

    /// <summary>What a screen reader announces for the link, e.g. "Link from If true to Log".</summary>
    public string Label { get; init; } = "";

    public static string Describe(string sourceName, string sourcePort, string targetName) =>
        $"Link from {sourceName} {sourcePort} to {targetName}";
}
