namespace ProcessStudio.Engine.Model;

/// <summary>A Markdown note on the canvas, for people reading the workflow. The engine never looks at it.</summary>
public sealed class StickyNote
{
    public const int MinWidth = 120;
    public const int MinHeight = 80;
    public const int MaxSize = 2_000;
    public const int DefaultWidth = 240;
    public const int DefaultHeight = 160;

    /// <summary>The colours a note may have; the designer names them and the theme draws them.</summary>
    public static readonly IReadOnlyList<string> Colors = ["yellow", "blue", "green", "pink", "purple", "gray"];

    public string Id { get; set; } = "";
    public Position Position { get; set; } = new(0, 0);
    public double Width { get; set; } = DefaultWidth;
    public double Height { get; set; } = DefaultHeight;
    /// <summary>Markdown; raw HTML in it is shown as text.</summary>
    public string Text { get; set; } = "";
    public string Color { get; set; } = "yellow";
}
