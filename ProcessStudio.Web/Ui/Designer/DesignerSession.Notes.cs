using ProcessStudio.Engine.Model;
using ProcessStudio.Web.Ui.Canvas;

namespace ProcessStudio.Web.Ui.Designer;

/// <summary>Sticky notes: added, edited, moved, resized and deleted through <see cref="Edit"/>, so each is undoable.</summary>
public sealed partial class DesignerSession
{
    /// <summary>The selected sticky note; selecting one clears the node and link selection, and the other way round.</summary>
    public string? SelectedNoteId { get; private set; }
    public StickyNote? SelectedNote => SelectedNoteId is null ? null : Workflow.StickyNotes.Find(n => n.Id == SelectedNoteId);

    /// <summary>Adds a note at <paramref name="position"/>, or below it at the first spot where it covers no node.</summary>
    public void AddNote(Position? position)
    {
        var spot = CanvasGeometry.Snap(position ?? new Position(0, 0));
        bool Covers(Position p) => Workflow.Nodes.Any(n => CanvasGeometry.Bounds(n, _catalog.OutputPorts(n).Count)
            .Intersects(new Rect(p.X, p.Y, StickyNote.DefaultWidth, StickyNote.DefaultHeight)));
        while (Covers(spot)) spot = spot with { Y = spot.Y + CanvasGeometry.Grid };
        var note = new StickyNote
        {
            Id = NewNoteId(),
            Position = spot,
            Text = "**Note**\n\nDouble-click to edit. Markdown works: *emphasis*, lists, `code`, [links](https://example.com).",
        };
        Edit("Add sticky note", w => w.StickyNotes.Add(note));
        SelectNote(note.Id);
    }

    public void SelectNote(string noteId)
    {
        if (!Workflow.StickyNotes.Exists(n => n.Id == noteId)) return;
        _selected.Clear();
        SelectedConnectionId = null;
        SelectedNoteId = noteId;
        Changed?.Invoke();
    }

    public void UpdateNote(string noteId, string label, Action<StickyNote> change) =>
        Edit(label, w =>
        {
            if (w.StickyNotes.Find(n => n.Id == noteId) is { } note) change(note);
        });

    public void SetNoteText(string noteId, string text) => UpdateNote(noteId, "Edit sticky note", n => n.Text = text);

    public void SetNoteColor(string noteId, string color)
    {
        if (StickyNote.Colors.Contains(color)) UpdateNote(noteId, "Colour sticky note", n => n.Color = color);
    }

    /// <summary>Resizes a note to the given size, snapped to the grid and kept within the sizes a note may have.</summary>
    public void ResizeNote(string noteId, double width, double height) =>
        UpdateNote(noteId, "Resize sticky note", n =>
        {
            n.Width = Math.Clamp(CanvasGeometry.Snap(width), StickyNote.MinWidth, StickyNote.MaxSize);
            n.Height = Math.Clamp(CanvasGeometry.Snap(height), StickyNote.MinHeight, StickyNote.MaxSize);
        });

    /// <summary>Moves the notes among <paramref name="ids"/>; false when none of them is a note (they are nodes).</summary>
    private bool MoveNotes(IReadOnlySet<string> ids, double dx, double dy)
    {
        var notes = Workflow.StickyNotes.Where(n => ids.Contains(n.Id)).Select(n => n.Id).ToHashSet();
        if (notes.Count == 0) return false;
        Edit("Move sticky note", w =>
        {
            foreach (var note in w.StickyNotes.Where(n => notes.Contains(n.Id)))
                note.Position = CanvasGeometry.Snap(new Position(note.Position.X + dx, note.Position.Y + dy));
        });
        if (notes.Count == 1 && SelectedNoteId != notes.First()) SelectNote(notes.First());
        return true;
    }

    private bool DeleteSelectedNote()
    {
        if (SelectedNoteId is not { } noteId) return false;
        SelectedNoteId = null;
        Edit("Delete sticky note", w => w.StickyNotes.RemoveAll(n => n.Id == noteId));
        return true;
    }

    private string NewNoteId()
    {
        string id;
        do id = "note" + Guid.NewGuid().ToString("N")[..7];
        while (Workflow.FindNode(id) is not null || Workflow.StickyNotes.Exists(n => n.Id == id));
        return id;
    }
}
