using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;

namespace ProcessStudio.Web.Ui.Canvas;

/// <summary>
/// One workflow node in the diagram: its <see cref="CanvasNodeView"/> (what the card shows) and preset geometry, so the
/// library needs no size measurement in the browser and can virtualize nodes that were never rendered.
/// </summary>
public sealed class WorkflowNodeModel : NodeModel
{
    public WorkflowNodeModel(CanvasNodeView view, bool locked = false) : base(view.Id, new Point(view.X, view.Y))
    {
        View = view;
        Locked = locked;
        ControlledSize = true;
        Size = new Size(CanvasGeometry.NodeWidth, view.Height);
        if (view.HasInput) Input = (WorkflowPortModel)AddPort(new WorkflowPortModel(this, null, view.Height / 2));
        foreach (var output in view.Outputs) AddPort(new WorkflowPortModel(this, output.Name, output.Offset));
        foreach (var port in Ports) port.Locked = locked;
    }

    public CanvasNodeView View { get; private set; }
    public WorkflowPortModel? Input { get; }

    public WorkflowPortModel? Output(string name) =>
        Ports.OfType<WorkflowPortModel>().FirstOrDefault(p => p.Name == name);

    /// <summary>Whether <paramref name="view"/> needs other ports than this model has (then the node is rebuilt).</summary>
    public bool HasOtherPorts(CanvasNodeView view) =>
        view.HasInput != View.HasInput || view.Height != View.Height ||
        !view.Outputs.Select(o => o.Name).SequenceEqual(View.Outputs.Select(o => o.Name));

    /// <summary>Shows <paramref name="view"/>; moves the node and re-renders its card only when something changed.</summary>
    public void Show(CanvasNodeView view)
    {
        var previous = View;
        View = view;
        if (previous.X != view.X || previous.Y != view.Y || Position.X != view.X || Position.Y != view.Y)
            SetPosition(view.X, view.Y);
        else if (previous.Signature != view.Signature)
            Refresh();
    }

    /// <summary>Keeps the preset port positions on the node's edges wherever it moves.</summary>
    public override void SetPosition(double x, double y)
    {
        base.SetPosition(x, y);
        foreach (var port in Ports.OfType<WorkflowPortModel>()) port.Place(Position);
    }
}
