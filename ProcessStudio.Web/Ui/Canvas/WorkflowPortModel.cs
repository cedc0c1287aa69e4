using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;

namespace ProcessStudio.Web.Ui.Canvas;

/// <summary>
/// A node's input (<see cref="Name"/> null) or one named output port, with its geometry preset from
/// <see cref="CanvasGeometry"/> so the library never measures it in the browser (links arrive with the nodes).
/// </summary>
public sealed class WorkflowPortModel : PortModel
{
    public const double Diameter = 14;

    public WorkflowPortModel(WorkflowNodeModel parent, string? name, double offsetY)
        : base(parent, name is null ? PortAlignment.Left : PortAlignment.Right, null, new Size(Diameter, Diameter))
    {
        Name = name;
        OffsetY = offsetY;
        Place(parent.Position);
        Initialized = true;
    }

    /// <summary>The output port's name; null for the input.</summary>
    public string? Name { get; }
    public bool IsInput => Name is null;
    /// <summary>Distance of the port's centre from the node's top edge.</summary>
    public double OffsetY { get; }
    public string NodeId => Parent.Id;

    /// <summary>Puts the port on the node's left (input) or right (output) edge for a node at <paramref name="node"/>.</summary>
    public void Place(Point node)
    {
        var x = IsInput ? node.X - Diameter / 2 : node.X + CanvasGeometry.NodeWidth - Diameter / 2;
        Position = new Point(x, node.Y + OffsetY - Diameter / 2);
    }

    /// <summary>Links are made by the designer session, never attached by the library itself.</summary>
    public override bool CanAttachTo(ILinkable other) => false;
}
