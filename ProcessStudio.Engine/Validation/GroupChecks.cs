using ProcessStudio.Engine.Model;

namespace ProcessStudio.Engine.Validation;

/// <summary>Groups (named frames of nodes): each needs a unique name within the text limit and may hold only existing nodes.</summary>
public static class GroupChecks
{
    public static void Check(WorkflowDefinition workflow, List<ValidationProblem> problems)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var groups = workflow.Groups ?? [];
        for (var i = 0; i < groups.Count; i++)
        {
            var group = groups[i];
            var field = $"groups[{i}]";
            if (string.IsNullOrWhiteSpace(group.Name))
                problems.Add(new("group.name-missing", $"Group {i + 1} needs a name.", Setting: $"{field}.name"));
            else if (group.Name.Length > TextLimits.NodeName)
                problems.Add(new("text.too-long", $"Group name '{group.Name[..20]}…' is longer than {TextLimits.NodeName} characters.", Setting: $"{field}.name"));
            else if (!names.Add(group.Name))
                problems.Add(new("group.duplicate-name", $"Group name '{group.Name}' is used by more than one group; Cancel nodes name groups.", Setting: $"{field}.name"));
            foreach (var nodeId in group.Nodes.Where(id => workflow.FindNode(id) is null))
                problems.Add(new("group.unknown-node", $"Group '{group.Name}' holds node '{nodeId}', which is not in the workflow.", Setting: $"{field}.nodes"));
        }
    }
}
