namespace ProcessStudio.Engine.Validation;

/// <summary>
/// The longest text stored for each part of a workflow (in UTF-16 characters), so no single field can bloat the
/// database, a file name or a header (docs/workflow-format.md, "Limits"). The request body limit caps the whole.
/// </summary>
public static class TextLimits
{
    public const int WorkflowName = 200;
    public const int Description = 4_000;
    public const int NodeId = 100;
    public const int NodeName = 200;
    public const int NodeType = 100;
    public const int Notes = 4_000;
    public const int PortName = 100;
    public const int VariableName = 100;
    public const int VariableDescription = 1_000;
    public const int SettingName = 100;
    /// <summary>Any one text value inside a node's settings, at any depth (a script, a template, a JSON body).</summary>
    public const int SettingText = 100_000;
    public const int VersionComment = 1_000;
    public const int Nodes = 2_000;
    public const int Connections = 10_000;
    public const int Variables = 500;
    public const int StickyNotes = 500;
    /// <summary>A sticky note's Markdown.</summary>
    public const int StickyNoteText = 10_000;
}
