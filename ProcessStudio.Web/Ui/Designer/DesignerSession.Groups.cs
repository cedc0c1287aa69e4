using ProcessStudio.Web.Ui.Canvas;

namespace ProcessStudio.Web.Ui.Designer;

/// <summary>The canvas' group gestures, handed to <see cref="GroupCommands"/>.</summary>
public sealed partial class DesignerSession
{
    void ICanvasEditor.MoveGroup(string name, double dx, double dy) => this.MoveGroup(name, dx, dy);

    string? ICanvasEditor.RenameGroup(string name, string newName) => GroupCommands.RenameGroup(this, name, newName);
}
