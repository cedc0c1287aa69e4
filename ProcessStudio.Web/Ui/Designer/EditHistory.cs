namespace ProcessStudio.Web.Ui.Designer;

/// <summary>One undoable edit: the workflow JSON before and after it.</summary>
public sealed record WorkflowEdit(string Label, string Before, string After);

/// <summary>
/// The undo/redo command list. Each edit stores whole-workflow snapshots, which keeps every edit (including
/// form changes and auto-layout) undoable with one mechanism; a snapshot of a 300-node workflow is a few hundred KB at most.
/// </summary>
public sealed class EditHistory(int capacity = 200)
{
    private readonly LinkedList<WorkflowEdit> _undo = new();
    private readonly Stack<WorkflowEdit> _redo = new();

    public bool CanUndo => _undo.Count > 0;
    public bool CanRedo => _redo.Count > 0;
    public string? UndoLabel => _undo.Last?.Value.Label;
    public string? RedoLabel => _redo.TryPeek(out var edit) ? edit.Label : null;

    public void Record(WorkflowEdit edit)
    {
        _undo.AddLast(edit);
        if (_undo.Count > capacity) _undo.RemoveFirst();
        _redo.Clear();
    }

    /// <summary>The edit to revert (restore its <see cref="WorkflowEdit.Before"/>), or null.</summary>
    public WorkflowEdit? Undo()
    {
        if (_undo.Last is not { } last) return null;
        _undo.RemoveLast();
        _redo.Push(last.Value);
        return last.Value;
    }

    /// <summary>The edit to re-apply (restore its <see cref="WorkflowEdit.After"/>), or null.</summary>
    public WorkflowEdit? Redo()
    {
        if (!_redo.TryPop(out var edit)) return null;
        _undo.AddLast(edit);
        return edit;
    }

    public void Clear()
    {
        _undo.Clear();
        _redo.Clear();
    }
}
