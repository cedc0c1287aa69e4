namespace ProcessStudio.Web.Ui.Canvas;

/// <summary>What a person did on the diagram, in workflow terms. <see cref="WorkflowCanvas"/> turns these into designer commands.</summary>
public interface ICanvasGestures
{
    void NodePressed(string nodeId, bool shift);
    void LinkPressed(string connectionId);
    void NotePressed(string noteId);
    void BackgroundPressed(bool shift);
    /// <summary>A Shift+drag on the background drew a selection box over this world rectangle.</summary>
    void BoxSelected(Rect world);
    /// <summary>A drag of the given nodes ended <paramref name="dx"/>, <paramref name="dy"/> away from where it began.</summary>
    void NodesMoved(IReadOnlyList<string> nodeIds, double dx, double dy);
    /// <summary>A link dragged from an output port was released over a node or one of its ports.</summary>
    void LinkDropped(string sourceNodeId, string sourcePort, string targetNodeId);
    /// <summary>A link drag started from an output port (true) or ended (false): valid targets are shown meanwhile.</summary>
    void Linking(string? sourceNodeId, string? sourcePort);
}
