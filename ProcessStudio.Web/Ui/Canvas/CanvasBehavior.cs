using Blazor.Diagrams.Core;
using Blazor.Diagrams.Core.Anchors;
using Blazor.Diagrams.Core.Behaviors;
using Blazor.Diagrams.Core.Events;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;
using ProcessStudio.Web.Ui.Canvas.Notes;

namespace ProcessStudio.Web.Ui.Canvas;

/// <summary>
/// Replaces the library's selection behaviour: presses, finished drags and dropped links become workflow gestures
/// (<see cref="ICanvasGestures"/>), and the designer session decides. Registered before the library's drag behaviour so
/// a node pressed to drag is selected before the drag reads the selection.
/// </summary>
public sealed class CanvasBehavior : Behavior
{
    private readonly ICanvasGestures _gestures;
    private WorkflowPortModel? _linkSource;
    private bool _pressedNode;
    private Point? _boxStart;

    public CanvasBehavior(Diagram diagram, ICanvasGestures gestures) : base(diagram)
    {
        _gestures = gestures;
        Diagram.PointerDown += OnPointerDown;
        Diagram.PointerUp += OnPointerUp;
    }

    /// <summary>The library's link factory: a dashed preview from an output port while dragging; inputs start nothing.</summary>
    public BaseLinkModel? CreatePreviewLink(ILinkable source, Anchor target)
    {
        if (source is not WorkflowPortModel { IsInput: false } port || port.Locked) return null;
        _linkSource = port;
        _gestures.Linking(port.NodeId, port.Name);
        return new LinkModel(new SinglePortAnchor(port), target) { TargetMarker = LinkMarker.Arrow };
    }

    private void OnPointerDown(Model? model, PointerEventArgs e)
    {
        if (e.Button != (int)MouseEventButton.Left) return;
        _pressedNode = model is WorkflowNodeModel or StickyNoteModel;
        // Shift+drag on the background draws the library's selection box (the pan behaviour ignores it).
        _boxStart = model is null && e.ShiftKey ? Diagram.GetRelativeMousePoint(e.ClientX, e.ClientY) : null;
        switch (model)
        {
            case WorkflowNodeModel node: _gestures.NodePressed(node.Id, e.ShiftKey); break;
            case WorkflowLinkModel link: _gestures.LinkPressed(link.Id); break;
            case StickyNoteModel note: _gestures.NotePressed(note.Id); break;
            case null: _gestures.BackgroundPressed(e.ShiftKey); break;
        }
    }

    private void OnPointerUp(Model? model, PointerEventArgs e)
    {
        if (_linkSource is { } source)
        {
            _linkSource = null;
            _gestures.Linking(null, null);
            var target = model switch
            {
                WorkflowPortModel port => port.NodeId,
                WorkflowNodeModel node => node.Id,
                _ => null,
            };
            if (target is not null && !(model is WorkflowPortModel p && p == source))
                _gestures.LinkDropped(source.NodeId, source.Name!, target);
        }
        if (_pressedNode) ReportMove();
        _pressedNode = false;
        if (_boxStart is { } start)
        {
            _boxStart = null;
            var end = Diagram.GetRelativeMousePoint(e.ClientX, e.ClientY);
            _gestures.BoxSelected(new Rect(Math.Min(start.X, end.X), Math.Min(start.Y, end.Y), Math.Abs(end.X - start.X), Math.Abs(end.Y - start.Y)));
        }
    }

    /// <summary>The drag behaviour moved the selected nodes (or a note) live; the finished move is reported once, as a delta.</summary>
    private void ReportMove()
    {
        var moved = Diagram.Nodes.OfType<WorkflowNodeModel>().Select(n => (n.Id, n.Position, n.View.X, n.View.Y))
            .Concat(Diagram.Nodes.OfType<StickyNoteModel>().Select(n => (n.Id, n.Position, n.View.X, n.View.Y)))
            .Where(n => n.Position.X != n.X || n.Position.Y != n.Y)
            .ToList();
        if (moved.Count == 0) return;
        var first = moved[0];
        _gestures.NodesMoved(moved.Select(n => n.Id).ToList(), first.Position.X - first.X, first.Position.Y - first.Y);
    }

    public override void Dispose()
    {
        Diagram.PointerDown -= OnPointerDown;
        Diagram.PointerUp -= OnPointerUp;
    }
}
