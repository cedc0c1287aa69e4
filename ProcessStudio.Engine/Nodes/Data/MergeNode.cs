using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Validation;

namespace ProcessStudio.Engine.Nodes.Data;

/// <summary>
/// Combines the items of two incoming branches once both have arrived: appended, matched by key, or paired by position.
/// </summary>
/// <remarks>
/// Built on the engine's join: <see cref="Join"/> returns <see cref="JoinMode.All"/>, so the orchestrator runs this node
/// once every incoming link has delivered (a branch that was not taken counts as arrived with no items) and hands it
/// the arrived outputs keyed by source node name. Which branch is input 1 and which is input 2 comes from the settings
/// (source node names) or, when they are empty, from the order of the incoming links in the workflow.
/// </remarks>
public sealed class MergeNode : NodeType
{
    public const string TypeName = "merge";

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Merge",
        Category = NodeCategory.Data,
        Description = "Waits for both incoming branches, then appends their items, matches them by key, pairs them by position, or passes input 1 on.",
        Icon = "merge",
        Settings =
        [
            new("mode", "Mode", SettingKind.Select) { Options = ["append", "byKey", "byPosition", "wait"], Default = "append", AllowsTemplates = false,
                Description = "wait: only waits for both branches and outputs input 1's items." },
            new("input1", "Input 1 (node name)", SettingKind.Text) { AllowsTemplates = false, Description = "The node whose branch is input 1. Default: the first incoming link." },
            new("input2", "Input 2 (node name)", SettingKind.Text) { AllowsTemplates = false, Description = "The node whose branch is input 2. Default: the other incoming link." },
            new("key1", "Key in input 1", SettingKind.Text) { Required = true, AllowsTemplates = false, VisibleWhen = new("mode", ["byKey"]), Placeholder = "id" },
            new("key2", "Key in input 2", SettingKind.Text) { AllowsTemplates = false, VisibleWhen = new("mode", ["byKey"]), Placeholder = "Default: the same as key 1" },
            new("join", "Keep", SettingKind.Select) { Options = ["matched", "allInput1", "all"], Default = "matched", AllowsTemplates = false, VisibleWhen = new("mode", ["byKey"]),
                Description = "matched: items found in both; allInput1: every input 1 item, merged when matched; all: also input 2 items without a match." },
            new("unpaired", "Unpaired items", SettingKind.Select) { Options = ["drop", "keep"], Default = "drop", AllowsTemplates = false, VisibleWhen = new("mode", ["byPosition"]),
                Description = "What to do with the extra items of the longer input." },
        ],
    };

    public override JoinMode? Join(NodeDefinition node) => JoinMode.All;

    public override IEnumerable<ValidationProblem> Validate(NodeDefinition node)
    {
        foreach (var problem in DataSettingChecks.Path(node, "key1", "Key in input 1").Concat(DataSettingChecks.Path(node, "key2", "Key in input 2")))
            yield return problem;
        var (first, second) = (NodeJson.String(node.Settings["input1"]), NodeJson.String(node.Settings["input2"]));
        if (!string.IsNullOrEmpty(first) && first == second)
            yield return new("setting.invalid", $"Node '{node.Name}': input 1 and input 2 name the same node '{first}'.", node.Id, "input2");
    }

    public override Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var arrived = context.Input as JsonObject ?? [];
        var (name1, name2) = InputNames(context);
        var input1 = DataItems.From(arrived[name1], $"Input 1 (from '{name1}')").Items;
        var input2 = DataItems.From(arrived[name2], $"Input 2 (from '{name2}')").Items;
        var output = NodeJson.String(context.Setting("mode")) switch
        {
            "byKey" => ByKey(context, input1, input2),
            "byPosition" => ByPosition(input1, input2, NodeJson.String(context.Setting("unpaired")) == "keep"),
            "wait" => input1,
            _ => new JsonArray([.. input1.Concat(input2).Select(i => i?.DeepClone())]),
        };
        return Task.FromResult(NodeOutcome.Next(output));
    }

    /// <summary>The source node names of input 1 and 2, from the settings or the order of the incoming links.</summary>
    private static (string, string) InputNames(NodeContext context)
    {
        var sources = context.Workflow.Connections.Where(c => c.TargetNodeId == context.Node.Id)
            .Select(c => context.Workflow.FindNode(c.SourceNodeId)?.Name).OfType<string>().Distinct().ToList();
        if (sources.Count != 2)
            throw new NodeFailedException($"Merge needs exactly two incoming branches, but has {sources.Count}" +
                (sources.Count > 0 ? $" ({string.Join(", ", sources.Select(s => $"'{s}'"))})." : "."), "InvalidSettings");
        var name1 = Named(context, "input1", sources) ?? sources.First(s => s != NodeJson.String(context.Setting("input2")));
        var name2 = Named(context, "input2", sources) ?? sources.First(s => s != name1);
        return (name1, name2);
    }

    private static string? Named(NodeContext context, string setting, List<string> sources)
    {
        if (NodeJson.String(context.Setting(setting)) is not { Length: > 0 } name) return null;
        return sources.Contains(name) ? name
            : throw new NodeFailedException($"'{setting}' names '{name}', which is not linked to this Merge; its inputs come from {string.Join(" and ", sources.Select(s => $"'{s}'"))}.",
                "InvalidSettings");
    }

    private static JsonArray ByKey(NodeContext context, JsonArray input1, JsonArray input2)
    {
        var key1 = NodeJson.String(context.Setting("key1"))!;
        var key2 = NodeJson.String(context.Setting("key2")) is { Length: > 0 } k ? k : key1;
        var keep = NodeJson.String(context.Setting("join")) ?? "matched";
        var byKey = input2.GroupBy(i => ItemKeys.Of(i, [key2])).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var matchedKeys = new HashSet<string>(StringComparer.Ordinal);
        var output = new JsonArray();
        foreach (var item in input1)
        {
            var key = ItemKeys.Of(item, [key1]);
            if (FieldPath.Get(item, key1) is not null && byKey.TryGetValue(key, out var matches))
            {
                matchedKeys.Add(key);
                foreach (var match in matches) output.Add(Combine(item, match));
            }
            else if (keep != "matched") output.Add(item?.DeepClone());
        }
        if (keep == "all")
            foreach (var item in input2.Where(i => !matchedKeys.Contains(ItemKeys.Of(i, [key2]))))
                output.Add(item?.DeepClone());
        return output;
    }

    private static JsonArray ByPosition(JsonArray input1, JsonArray input2, bool keepUnpaired)
    {
        var count = keepUnpaired ? Math.Max(input1.Count, input2.Count) : Math.Min(input1.Count, input2.Count);
        var output = new JsonArray();
        for (var i = 0; i < count; i++)
            output.Add(Combine(i < input1.Count ? input1[i] : null, i < input2.Count ? input2[i] : null));
        return output;
    }

    /// <summary>The fields of both items; where both have a field, input 2's value wins.</summary>
    private static JsonNode? Combine(JsonNode? first, JsonNode? second)
    {
        if (first is not JsonObject && second is not JsonObject) return new JsonArray(first?.DeepClone(), second?.DeepClone());
        var merged = first is JsonObject a ? a.DeepClone().AsObject() : [];
        if (second is JsonObject b)
            foreach (var (name, value) in b) merged[name] = value?.DeepClone();
        return merged;
    }
}
