using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;

namespace ProcessStudio.Web.Ui.Canvas.Notes;

/// <summary>A sticky note in the diagram: a node model without ports, with its size preset (never measured).</summary>
public sealed class StickyNoteModel : NodeModel
{
    public StickyNoteModel(StickyNoteView view, bool locked) : base(view.Id, new Point(view.X, view.Y))
    {
        View = view;
        Locked = locked;
        ControlledSize = true;
        Size = new Size(view.Width, view.Height);
    }

    public StickyNoteView View { get; private set; }

    /// <summary>Shows <paramref name="view"/>: moves, resizes or re-renders the note only when something changed.</summary>
    public void Show(StickyNoteView view)
    {
        var previous = View;
        View = view;
        if (Size is null || Size.Width != view.Width || Size.Height != view.Height) Size = new Size(view.Width, view.Height);
        if (Position.X != view.X || Position.Y != view.Y) SetPosition(view.X, view.Y);
        else if (previous != view) Refresh();
    }
}
