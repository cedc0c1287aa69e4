using ProcessStudio.Engine.Model;

namespace ProcessStudio.Web.Ui.Canvas.Notes;

/// <summary>What a sticky note shows: its box, Markdown text, colour and whether it is selected.</summary>
public sealed record StickyNoteView(string Id, double X, double Y, double Width, double Height, string Text, string Color, bool Selected)
{
    public static StickyNoteView Of(StickyNote note, bool selected) =>
        new(note.Id, note.Position.X, note.Position.Y, note.Width, note.Height, note.Text, note.Color, selected);

    public Rect Bounds => new(X, Y, Width, Height);
}
