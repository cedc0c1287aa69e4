namespace ProcessStudio.Engine.Nodes.Logic;

/// <summary>The store key of a critical section: run-local keys belong to one execution, global ones to every run.</summary>
internal static class CriticalSectionKey
{
    public static IReadOnlyList<SettingDescriptor> Settings { get; } =
    [
        new("key", "Key", SettingKind.Text) { Required = true, Placeholder = "inventory-{{ $json.sku }}" },
        new("scope", "Scope", SettingKind.Select) { Options = ["run", "global"], Default = "run", AllowsTemplates = false },
    ];

    public static (string StoreKey, string Key) Of(NodeContext context, CancellationToken cancellationToken)
    {
        var key = context.EvaluatedText("key", cancellationToken);
        if (string.IsNullOrWhiteSpace(key)) throw new NodeFailedException($"'{context.Node.Name}' needs a key; it evaluated to nothing.", "InvalidKey");
        var global = NodeJson.String(context.Setting("scope")) == "global";
        return (global ? $"global:{key}" : $"run:{context.ExecutionId}:{key}", key);
    }
}
