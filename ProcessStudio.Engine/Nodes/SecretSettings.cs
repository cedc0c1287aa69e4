using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;

namespace ProcessStudio.Engine.Nodes;

/// <summary>
/// Settings declared <see cref="SettingKind.Secret"/> (a webhook's shared secret) as people who may only read a
/// workflow see them: replaced by <see cref="Hidden"/>. Those who may edit it see and change the real value.
/// </summary>
public static class SecretSettings
{
    public const string Hidden = "(hidden)";

    /// <summary>A copy with every non-empty secret hidden; the workflow itself when it has none.</summary>
    public static WorkflowDefinition Redact(WorkflowDefinition workflow, INodeCatalog catalog)
    {
        if (!workflow.Nodes.Any(node => SecretsOf(node, catalog).Any())) return workflow;
        var copy = WorkflowJson.Deserialize(WorkflowJson.Serialize(workflow));
        foreach (var node in copy.Nodes)
            foreach (var name in SecretsOf(node, catalog).ToList())
                node.Settings[name] = Hidden;
        return copy;
    }

    private static IEnumerable<string> SecretsOf(NodeDefinition node, INodeCatalog catalog) =>
        (catalog.Find(node.Type)?.Settings ?? [])
            .Where(s => s.Kind == SettingKind.Secret && node.Settings[s.Name] is JsonValue value && value.TryGetValue(out string? text) && text.Length > 0)
            .Select(s => s.Name);
}
