namespace ProcessStudio.Web.Ui.Canvas;

/// <summary>A port a person clicked: an output port by name, or the node's input when <see cref="Port"/> is null.</summary>
public readonly record struct PortRef(string NodeId, string? Port)
{
    public bool IsInput => Port is null;
}
