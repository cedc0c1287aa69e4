using ProcessStudio.Engine.Model;

namespace ProcessStudio.Web.Ui.Designer;

/// <summary>
/// Groups (named frames of nodes) as undoable designer edits: group the selection, rename, ungroup, and keep groups in
/// step when nodes are deleted. UI-free.
/// </summary>
public static class GroupCommands
{
    /// <summary>Puts the selected nodes in a new group named "Group N"; returns the name, or null when nothing is selected.</summary>
    public static string? GroupSelection(this DesignerSession session)
    {
        var ids = session.SelectedNodeIds.ToList();
        if (ids.Count == 0) return null;
        var taken = (session.Workflow.Groups ?? []).Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
        var name = Enumerable.Range(1, taken.Count + 1).Select(i => $"Group {i}").First(n => !taken.Contains(n));
        session.Edit("Group nodes", w => (w.Groups ??= []).Add(new NodeGroup { Name = name, Nodes = ids }));
        return name;
    }

    /// <summary>Renames a group; returns a message when the name is empty or taken (nothing changes then).</summary>
    public static string? RenameGroup(this DesignerSession session, string name, string newName)
    {
        newName = newName.Trim();
        if (newName.Length == 0) return "A group needs a name.";
        if (newName == name) return null;
        if (session.Workflow.Groups?.Exists(g => g.Name == newName) == true) return $"Another group is already named '{newName}'.";
        session.Edit("Rename group", w => w.Groups?.Find(g => g.Name == name)?.Name = newName);
        return null;
    }

    /// <summary>Moves the group's nodes together, snapped to the grid, as one undoable edit; they become the selection.</summary>
    public static void MoveGroup(this DesignerSession session, string name, double dx, double dy)
    {
        if (session.Workflow.Groups?.Find(g => g.Name == name) is not { } group || (dx == 0 && dy == 0)) return;
        var ids = group.Nodes.ToHashSet(StringComparer.Ordinal);
        session.Edit($"Move group '{name}'", w =>
        {
            foreach (var node in w.Nodes.Where(n => ids.Contains(n.Id)))
                node.Position = Canvas.CanvasGeometry.Snap(new Position(node.Position.X + dx, node.Position.Y + dy));
        });
        session.Select(ids);
    }

    /// <summary>Removes the frame; the nodes stay.</summary>
    public static void Ungroup(this DesignerSession session, string name) =>
        session.Edit("Ungroup", w =>
        {
            w.Groups?.RemoveAll(g => g.Name == name);
            if (w.Groups is { Count: 0 }) w.Groups = null;
        });

    /// <summary>Called inside the delete edit: deleted nodes leave their groups, and groups left empty go.</summary>
    public static void ForgetNodes(WorkflowDefinition workflow, IReadOnlySet<string> nodeIds)
    {
        if (workflow.Groups is null) return;
        foreach (var group in workflow.Groups) group.Nodes.RemoveAll(nodeIds.Contains);
        workflow.Groups.RemoveAll(g => g.Nodes.Count == 0);
        if (workflow.Groups.Count == 0) workflow.Groups = null;
    }
}
