using Blazor.Diagrams.Core;

namespace ProcessStudio.Web.Ui.Canvas.Notes;

/// <summary>Makes the diagram show the given sticky notes, the way <see cref="DiagramSync"/> does for nodes.</summary>
public static class NoteSync
{
    public static void Apply(Diagram diagram, IReadOnlyList<StickyNoteView> notes, bool locked)
    {
        var existing = diagram.Nodes.OfType<StickyNoteModel>().ToDictionary(n => n.Id);
        var wanted = notes.Select(n => n.Id).ToHashSet();
        foreach (var (id, model) in existing)
            if (!wanted.Contains(id)) diagram.Nodes.Remove(model);
        foreach (var view in notes)
        {
            if (existing.TryGetValue(view.Id, out var model)) model.Show(view);
            else diagram.Nodes.Add(model = new StickyNoteModel(view, locked));
            // The library's drag moves what it holds selected, so a pressed note must be selected there too.
            DiagramSync.SetSelected(diagram, model, view.Selected);
        }
    }
}
