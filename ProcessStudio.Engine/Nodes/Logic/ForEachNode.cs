using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;

namespace ProcessStudio.Engine.Nodes.Logic;

/// <summary>
/// Runs the branch behind <c>item</c> once per element (with <c>$item</c>/<c>$index</c>), sequentially or up to a parallel bound,
/// then continues on <c>done</c> with the result of every iteration (the output of the last node that ran in it).
/// </summary>
public sealed class ForEachNode : NodeType
{
    public const string TypeName = "for-each";
    public const string ItemPort = "item";
    public const string DonePort = "done";

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "For Each",
        Category = NodeCategory.Logic,
        Description = "Iterates an array: the item branch runs per element with $item and $index; done receives the collected results.",
        Icon = "repeat",
        Outputs = [new(ItemPort, "Item"), new(DonePort, "Done")],
        Settings =
        [
            new("items", "Items", SettingKind.Expression) { Required = true, Placeholder = "$json.orders" },
            new("mode", "Mode", SettingKind.Select) { Options = ["sequential", "parallel"], Default = "sequential", AllowsTemplates = false },
            new("maxParallel", "Max parallel", SettingKind.Integer) { Default = 4, Min = 1, Max = 64, VisibleWhen = new("mode", ["parallel"]) },
        ],
    };

    public override string BodyPort => ItemPort;

    public override Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var state = context.State?.DeepClone() as JsonObject ?? Start(context, cancellationToken);
        var items = state["items"]!.AsArray();
        var results = state["results"]!.AsArray();
        foreach (var finished in context.FinishedBodies)
            results[finished.Index] = finished.Result?.DeepClone();

        var finishedCount = NodeJson.Int(state["finished"])!.Value + context.FinishedBodies.Count;
        var next = NodeJson.Int(state["next"])!.Value;
        state["finished"] = finishedCount;
        if (finishedCount > 0 || items.Count == 0)
            context.ReportProgress(new NodeProgress(items.Count == 0 ? 1 : (double)finishedCount / items.Count, finishedCount, items.Count,
                $"Item {finishedCount} of {items.Count}"));
        if (finishedCount == items.Count) return Task.FromResult(NodeOutcome.Next(results.DeepClone(), DonePort));

        var bound = NodeJson.String(context.Setting("mode")) == "parallel" ? Math.Max(1, NodeJson.Int(context.Setting("maxParallel")) ?? 4) : 1;
        var bodies = new List<BodyRun>();
        while (next < items.Count && next - finishedCount < bound)
        {
            bodies.Add(new BodyRun(next, items[next]?.DeepClone(), items[next]?.DeepClone()));
            next++;
        }
        state["next"] = next;
        return Task.FromResult(NodeOutcome.RunBody(ItemPort, bodies, state));
    }

    private static JsonObject Start(NodeContext context, CancellationToken cancellationToken)
    {
        var expression = NodeJson.String(context.Setting("items"))!;
        var items = context.Evaluate(expression, cancellationToken) switch
        {
            JsonArray array => array.DeepClone().AsArray(),
            null => [],
            var other => throw new NodeFailedException($"Items must be an array, but '{expression}' gave {other.GetValueKind().ToString().ToLowerInvariant()}.", "InvalidItems"),
        };
        return new JsonObject
        {
            ["items"] = items,
            ["results"] = new JsonArray(items.Select(_ => (JsonNode?)null).ToArray()),
            ["next"] = 0,
            ["finished"] = 0,
        };
    }
}
