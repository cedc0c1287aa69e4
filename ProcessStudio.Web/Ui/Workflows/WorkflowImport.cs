using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Nodes;
using ProcessStudio.Engine.Validation;

namespace ProcessStudio.Web.Ui.Workflows;

/// <summary>The outcome of reading an uploaded workflow file: the workflow, blocking errors, and problems to fix later.</summary>
public sealed record ImportPreview(WorkflowDefinition? Workflow, IReadOnlyList<string> Errors, IReadOnlyList<ValidationProblem> Problems)
{
    public bool CanImport => Workflow is not null && Errors.Count == 0;
}

/// <summary>Reads exported workflow JSON for import. Malformed JSON and unknown node types block; validation problems are listed.</summary>
public static class WorkflowImport
{
    public const long MaxFileBytes = 5 * 1024 * 1024;

    public static ImportPreview Preview(string json, INodeCatalog catalog, IWorkflowValidator validator)
    {
        WorkflowDefinition workflow;
        try
        {
            workflow = WorkflowJson.Deserialize(json);
        }
        catch (WorkflowFormatException ex)
        {
            return new ImportPreview(null, [$"{ex.Message} (at {ex.Path})"], []);
        }

        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(workflow.Name)) errors.Add("The workflow has no name ($.name).");
        foreach (var node in workflow.Nodes.Where(n => catalog.Find(n.Type) is null))
            errors.Add($"Node '{node.Name}' has an unknown type '{node.Type}'.");
        foreach (var group in workflow.Nodes.GroupBy(n => n.Id).Where(g => g.Count() > 1))
            errors.Add($"Node id '{group.Key}' is used by {group.Count()} nodes.");
        return new ImportPreview(workflow, errors, errors.Count == 0 ? validator.Validate(workflow) : []);
    }

    /// <summary>The workflow to save: a fresh id when the file's id is empty or already taken, so import never overwrites.</summary>
    public static WorkflowDefinition ForSave(WorkflowDefinition workflow, bool idTaken)
    {
        if (workflow.Id == Guid.Empty || idTaken) workflow.Id = Guid.NewGuid();
        return workflow;
    }
}
