namespace ProcessStudio.Engine.Nodes.Logic;

/// <summary>The store key of a critical section: run-local keys belong to one execution, global ones to every run.</summary>
internal static class CriticalSectionKey
{
    public static IReadOnlyList<SettingDescriptor> Settings { get; } =
    [
        new("key", "Key", SettingKind.Text) { Required = true, Placeholder = "inventory-{{ $json.sku }}" },
        new("scope", "Scope", SettingKind.Select) { Options = ["run", "global"], Default = "run", AllowsTemplates = false },
    ];

    /// <summary>The key and scope as written in the node's settings (templates unevaluated); null without a key.</summary>
    public static (string Key, string Scope)? Written(Model.NodeDefinition node) =>
        NodeJson.String(node.Settings["key"]) is { Length: > 0 } key ? (key, NodeJson.String(node.Settings["scope"]) ?? "run") : null;

    /// <summary>The nodes of <paramref name="type"/> (Lock or Unlock) that name the same key and scope as <paramref name="node"/>.</summary>
    public static List<Model.NodeDefinition> Partners(Model.NodeDefinition node, Model.WorkflowDefinition workflow, string type) =>
        Written(node) is { } written ? [.. workflow.Nodes.Where(n => n.Type == type && Written(n) == written)] : [];

    public static (string StoreKey, string Key) Of(NodeContext context, CancellationToken cancellationToken)
    {
        var key = context.EvaluatedText("key", cancellationToken);
        if (string.IsNullOrWhiteSpace(key)) throw new NodeFailedException($"'{context.Node.Name}' needs a key; it evaluated to nothing.", "InvalidKey");
        var global = NodeJson.String(context.Setting("scope")) == "global";
        return (global ? $"global:{key}" : $"run:{context.ExecutionId}:{key}", key);
    }
}
