using ProcessStudio.Engine.Model;

namespace ProcessStudio.Web.Ui.Workflows;

public static class WorkflowCopies
{
    /// <summary>A deep copy with a new id and a "(copy)" name, for Duplicate.</summary>
    public static WorkflowDefinition Duplicate(WorkflowDefinition source)
    {
        var copy = WorkflowJson.Deserialize(WorkflowJson.Serialize(source));
        copy.Id = Guid.NewGuid();
        copy.Name = $"{source.Name} (copy)";
        return copy;
    }

    /// <summary>A file name for an exported workflow: its name made safe for file systems.</summary>
    public static string ExportFileName(WorkflowDefinition workflow)
    {
        var safe = new string(workflow.Name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? char.ToLowerInvariant(c) : '-').ToArray()).Trim('-');
        return $"{(safe.Length == 0 ? "workflow" : safe)}.workflow.json";
    }
}
