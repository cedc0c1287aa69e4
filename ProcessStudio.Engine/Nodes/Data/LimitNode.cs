namespace ProcessStudio.Engine.Nodes.Data;

/// <summary>Keeps the first or the last N items.</summary>
public sealed class LimitNode : NodeType
{
    public const string TypeName = "limit";

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Limit",
        Category = NodeCategory.Data,
        Description = "Keeps only the first or the last N items and drops the rest.",
        Icon = "list-end",
        Settings =
        [
            DataItems.Setting,
            new("count", "Max items", SettingKind.Integer) { Required = true, Default = 10, Min = 0, Max = 1_000_000 },
            new("keep", "Keep", SettingKind.Select) { Options = ["first", "last"], Default = "first", AllowsTemplates = false },
        ],
    };

    public override Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var (items, _) = DataItems.Read(context, cancellationToken);
        var count = (context.Evaluated("count", cancellationToken) is { } value ? NodeJson.Int(value) : 10)
            ?? throw new NodeFailedException("'Max items' must be a whole number.", "InvalidSettings");
        if (count < 0) throw new NodeFailedException($"'Max items' must be at least 0, not {count}.", "InvalidSettings");
        var kept = NodeJson.String(context.Setting("keep")) == "last" ? items.TakeLast(count) : items.Take(count);
        return Task.FromResult(NodeOutcome.Next(new System.Text.Json.Nodes.JsonArray([.. kept.Select(i => i?.DeepClone())])));
    }
}
