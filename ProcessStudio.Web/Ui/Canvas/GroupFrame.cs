using ProcessStudio.Engine.Model;

namespace ProcessStudio.Web.Ui.Canvas;

/// <summary>The frame drawn around a group's nodes, in diagram coordinates: their bounds with room for the label.</summary>
public sealed record GroupFrame(string Name, Rect Bounds, IReadOnlyList<string> NodeIds)
{
    public const double Padding = 20;
    public const double LabelHeight = 24;

    /// <param name="outputCount">The number of output ports of a node, which sets its height.</param>
    public static IReadOnlyList<GroupFrame> Of(WorkflowDefinition workflow, Func<NodeDefinition, int> outputCount)
    {
        var frames = new List<GroupFrame>();
        foreach (var group in workflow.Groups ?? [])
        {
            var nodes = group.Nodes.Select(workflow.FindNode).OfType<NodeDefinition>().ToList();
            if (nodes.Count == 0) continue;
            var around = Rect.Union(nodes.Select(n => CanvasGeometry.Bounds(n, outputCount(n))));
            var bounds = new Rect(around.X - Padding, around.Y - Padding - LabelHeight, around.Width + 2 * Padding, around.Height + 2 * Padding + LabelHeight);
            frames.Add(new GroupFrame(group.Name, bounds, [.. nodes.Select(n => n.Id)]));
        }
        return frames;
    }
}
