using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Nodes;

namespace ProcessStudio.Web.Ui.Designer;

/// <summary>Pasted text read as nodes to insert, or why nothing can be pasted.</summary>
public sealed record FragmentReadResult(WorkflowDefinition? Fragment, string? Error);

/// <summary>
/// Reads copied nodes from clipboard text in the workflow JSON format: what Ctrl+C writes, or a whole exported
/// workflow. Anything else is refused with the reason, so a paste either inserts every node or none.
/// </summary>
public static class ClipboardFragment
{
    /// <summary>Whether the text could be meant as workflow JSON at all (plain text is not).</summary>
    public static bool LooksLikeJson(string text) => text.TrimStart().StartsWith('{') || text.TrimStart().StartsWith('[');

    public static FragmentReadResult Read(string text, INodeCatalog catalog)
    {
        WorkflowDefinition fragment;
        try
        {
            fragment = WorkflowJson.Deserialize(text);
        }
        catch (WorkflowFormatException ex)
        {
            return Refuse($"The clipboard does not hold workflow JSON: {ex.Message} (at {ex.Path})");
        }

        if (fragment.Nodes is null || fragment.Nodes.Count == 0) return Refuse("The clipboard JSON has no nodes ($.nodes).");
        if (fragment.Nodes.IndexOf(null!) is var empty and >= 0) return Refuse($"The clipboard JSON has an empty node ($.nodes[{empty}]).");
        var unknown = fragment.Nodes.Where(n => catalog.Find(n.Type) is null).Select(n => $"'{n.Type}' (node '{n.Name}')").ToList();
        if (unknown.Count > 0) return Refuse($"Unknown node type {string.Join(", ", unknown)}.");
        if (fragment.Nodes.GroupBy(n => n.Id).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
            return Refuse($"Node id '{duplicate.Key}' is used by {duplicate.Count()} nodes.");

        foreach (var node in fragment.Nodes)
        {
            // Hand-written JSON may leave these out or null; a node on the canvas always has them.
            if (string.IsNullOrWhiteSpace(node.Name)) node.Name = catalog.Find(node.Type)!.DisplayName;
            node.Settings ??= new();
            node.Policy ??= new();
            node.Position ??= new Position(0, 0);
        }
        // Links to nodes that were not copied have nothing to attach to.
        var ids = fragment.Nodes.Select(n => n.Id).ToHashSet();
        fragment.Connections = (fragment.Connections ?? []).Where(c => c is not null && ids.Contains(c.SourceNodeId) && ids.Contains(c.TargetNodeId)).ToList();
        return new FragmentReadResult(fragment, null);
    }

    private static FragmentReadResult Refuse(string error) => new(null, error);
}
