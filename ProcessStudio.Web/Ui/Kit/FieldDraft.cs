namespace ProcessStudio.Web.Ui.Kit;

/// <summary>
/// The text a person is editing versus the committed copy the server sends back. While the field has focus the
/// person's text wins: a re-render that carries the committed (older) value must not overwrite keystrokes typed
/// since (at high load the server's copy lags several characters behind).
/// </summary>
public sealed class FieldDraft
{
    private string _committed = "";

    public string Text { get; private set; } = "";
    public bool Focused { get; set; }

    /// <summary>True while the text differs from what was committed: errors about the committed value are stale.</summary>
    public bool IsEdited => Text != _committed;

    /// <summary>Takes the server's value unless the person is typing; a value that really changed (undo, another field) is taken when not focused.</summary>
    public void Receive(string? committed)
    {
        var value = committed ?? "";
        if (value == _committed) return;
        _committed = value;
        if (!Focused) Text = value;
    }

    public void Type(string? text) => Text = text ?? "";

    /// <summary>Marks the current text as committed; true when it differs from the last committed value.</summary>
    public bool Commit()
    {
        if (Text == _committed) return false;
        _committed = Text;
        return true;
    }
}
