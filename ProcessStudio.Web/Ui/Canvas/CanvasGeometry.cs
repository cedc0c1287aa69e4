using ProcessStudio.Engine.Model;

namespace ProcessStudio.Web.Ui.Canvas;

/// <summary>
/// Node sizes and port positions, computed from the model alone: the diagram's node and port geometry is preset from
/// these, so links are drawn without measuring the DOM.
/// </summary>
public static class CanvasGeometry
{
    public const double Grid = 20;
    public const double NodeWidth = 220;
    public const double MinNodeHeight = 72;
    public const double PortSpacing = 26;

    public static double NodeHeight(int outputCount) => Math.Max(MinNodeHeight, 20 + PortSpacing * outputCount);

    public static double Snap(double value) => Math.Round(value / Grid) * Grid;

    public static Position Snap(Position position) => new(Snap(position.X), Snap(position.Y));

    /// <summary>Vertical offset of output port <paramref name="index"/> of <paramref name="count"/> from the node's top.</summary>
    public static double OutputOffset(int index, int count, double height) => height * (index + 1) / (count + 1);

    public static Rect Bounds(NodeDefinition node, int outputCount) =>
        new(node.Position.X, node.Position.Y, NodeWidth, NodeHeight(outputCount));
}
