using ProcessStudio.Engine.Model;

namespace ProcessStudio.Web.Ui.Canvas;

/// <summary>
/// What an editable canvas asks of the designer. The canvas only reports intents (move, connect, select, drop);
/// the designer decides, records undo history and re-renders. A read-only canvas has no editor.
/// </summary>
public interface ICanvasEditor
{
    IReadOnlySet<string> SelectedNodeIds { get; }
    string? SelectedConnectionId { get; }
    /// <summary>Nodes that have validation errors; marked on the canvas.</summary>
    IReadOnlySet<string> NodesWithErrors { get; }
    IReadOnlySet<string> Breakpoints { get; }

    void SelectNode(string nodeId, bool additive);
    void SelectConnection(string connectionId);
    void ClearSelection();
    void SelectInRect(Rect world, bool additive);
    void MoveNodes(IReadOnlyList<string> nodeIds, double dx, double dy);
    /// <summary>Node ids whose input accepts a link from the given output port.</summary>
    IReadOnlyList<string> ValidTargets(string sourceNodeId, string sourcePort);
    /// <summary>Adds the link, or returns why it is refused.</summary>
    string? Connect(string sourceNodeId, string sourcePort, string targetNodeId);
    void AddNode(string type, Position? position);
    /// <summary>Copies the selection; returns it as workflow JSON for the system clipboard, or null when nothing is selected.</summary>
    string? Copy();
    /// <summary>Pastes from system clipboard text (null when the browser refused access); returns why nothing was pasted.</summary>
    string? Paste(string? clipboardText);
    void HandleShortcut(string combo);

    // Sticky notes: drawn on the canvas, never nodes. A dragged note comes back through MoveNodes with its id.
    string? SelectedNoteId { get; }
    void SelectNote(string noteId);
    void SetNoteText(string noteId, string text);
    void ResizeNote(string noteId, double width, double height);

    // Groups: a frame drawn around its nodes, sized by them. Dragging the frame moves them all.
    /// <summary>Moves every node of the group by the same offset, as one undoable edit.</summary>
    void MoveGroup(string name, double dx, double dy);
    /// <summary>Renames a group, or returns why not (empty or taken).</summary>
    string? RenameGroup(string name, string newName);
}
