using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;

namespace ProcessStudio.Engine.Nodes.Logic;

/// <summary>
/// Runs the branch behind <c>item</c> once per element (with <c>$item</c>/<c>$index</c>), sequentially or up to a parallel bound,
/// then continues on <c>done</c> with the result of every iteration (the output of the last node that ran in it).
/// </summary>
/// <remarks>
/// The items and the results are kept values (<see cref="NodeOutcome.Keeping"/>): the items are stored once and read by
/// index, each result is stored once when its iteration finishes, and the node state is only a cursor. So an item costs
/// the same whatever the length of the array.
/// </remarks>
public sealed class ForEachNode : NodeType
{
    public const string TypeName = "for-each";
    public const string ItemPort = "item";
    public const string DonePort = "done";
    private const string ItemsValue = "items";

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
            .. ForEachCompletion.Settings,
            ForEachAppends.Descriptor,
        ],
    };

    public override string BodyPort => ItemPort;

    public override bool TakesSignalsWhileBodiesRun(Model.NodeDefinition node) => ForEachAppends.Of(node).Accepted;

    public override Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var kept = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        JsonArray items;
        int next, finished;
        if (context.State is null)
        {
            items = EvaluateItems(context, cancellationToken);
            kept[ItemsValue] = items;
            (next, finished) = (0, 0);
        }
        else if (context.State["items"] is JsonArray legacy)
        {
            // A run checkpointed before items were kept values: its state still holds the arrays.
            items = legacy.DeepClone().AsArray();
            kept[ItemsValue] = items;
            foreach (var (result, index) in (context.State["results"] as JsonArray ?? []).Select((r, i) => (r, i)))
                if (result is not null) kept[ResultValue(index)] = result.DeepClone();
            next = NodeJson.Int(context.State["next"]) ?? 0;
            finished = NodeJson.Int(context.State["finished"]) ?? 0;
        }
        else
        {
            items = context.Kept(ItemsValue) as JsonArray
                ?? throw new NodeFailedException($"For Each '{context.Node.Name}' lost its items: its saved state is incomplete.", "StateLost");
            next = NodeJson.Int(context.State["next"]) ?? 0;
            finished = NodeJson.Int(context.State["finished"]) ?? 0;
        }

        // Appended items are kept one value each after the evaluated array: nothing already kept is copied.
        var count = NodeJson.Int(context.State?["count"]) ?? items.Count;
        var closed = NodeJson.Bool(context.State?[ForEachAppends.ClosedField]) == true;
        var appends = ForEachAppends.Of(context.Node);
        if (appends.Accepted && context.QueuedSignals.Count > 0)
            (count, closed) = Append(context, kept, count, closed);

        foreach (var body in context.FinishedBodies)
            kept[ResultValue(body.Index)] = body.Result?.DeepClone();
        finished += context.FinishedBodies.Count;
        if (finished > 0 || count == 0)
            context.ReportProgress(new NodeProgress(count == 0 ? 1 : (double)finished / count, finished, count, $"Item {finished} of {count}"));
        if (finished == count)
        {
            if (appends.Accepts == ForEachAppends.Mode.UntilClosed && !closed)
                return Task.FromResult(NodeOutcome.Wait(Cursor(next, finished, count, closed), wakeAt: null).Keeping(kept));   // no worker held meanwhile
            return Task.FromResult(NodeOutcome.Next(Results(context, kept, count), DonePort));
        }
        var completion = ForEachCompletion.Of(context);
        var successes = (NodeJson.Int(context.State?[ForEachCompletion.SuccessesField]) ?? 0)
            + context.FinishedBodies.Count(b => ForEachCompletion.Succeeded(b.Result));
        if (completion.IsSet && (NodeJson.Bool(context.State?[ForEachCompletion.StoppingField]) == true
            || completion.Reached(context, successes, () => FinishedResults(context, kept, next), cancellationToken)))
            return Task.FromResult(CompleteEarly(context, completion, kept, next, finished, successes, count));

        var bound = NodeJson.String(context.Setting("mode")) == "parallel" ? Math.Max(1, NodeJson.Int(context.Setting("maxParallel")) ?? 4) : 1;
        var bodies = new List<BodyRun>();
        while (next < count && next - finished < bound)
        {
            var item = ItemAt(context, kept, items, next);
            bodies.Add(new BodyRun(next, item?.DeepClone(), item?.DeepClone()));
            next++;
        }
        var cursor = Cursor(next, finished, count, closed);
        if (completion.IsSet) cursor[ForEachCompletion.SuccessesField] = successes;
        return Task.FromResult(NodeOutcome.RunBody(ItemPort, bodies, cursor).Keeping(kept));
    }

    private static JsonObject Cursor(int next, int finished, int count, bool closed)
    {
        var cursor = new JsonObject { ["next"] = next, ["finished"] = finished, ["count"] = count };
        if (closed) cursor[ForEachAppends.ClosedField] = true;
        return cursor;
    }

    /// <summary>Takes the items of the queued signals (each kept once under its index) and a close request.</summary>
    private static (int Count, bool Closed) Append(NodeContext context, Dictionary<string, JsonNode?> kept, int count, bool closed)
    {
        var (added, close) = ForEachAppends.Read(context);
        if (closed)
        {
            if (added.Count > 0) context.Log(Microsoft.Extensions.Logging.LogLevel.Warning, $"Ignored {added.Count} appended item(s): the For Each was closed.");
            return (count, closed);
        }
        foreach (var item in added) kept[AppendedValue(count++)] = item;
        if (added.Count > 0) context.Log(Microsoft.Extensions.Logging.LogLevel.Information, $"Appended {added.Count} item(s); {count} in all.");
        if (close) context.Log(Microsoft.Extensions.Logging.LogLevel.Information, $"Closed for appends with {count} item(s).");
        return (count, closed || close);
    }

    /// <summary>An item by index: from the evaluated array, or an appended one (kept just now or by an earlier activation).</summary>
    private static JsonNode? ItemAt(NodeContext context, Dictionary<string, JsonNode?> kept, JsonArray items, int index) =>
        index < items.Count ? items[index]
        : kept.TryGetValue(AppendedValue(index), out var fresh) ? fresh : context.Kept(AppendedValue(index));

    /// <summary>
    /// completeWhen or minSuccessful held: continue on done with the results of the items started (null for one that did
    /// not finish), after the iterations still running finished (wait), cancelling them (cancel) or leaving them (ignore).
    /// </summary>
    private static NodeOutcome CompleteEarly(NodeContext context, ForEachCompletion completion, Dictionary<string, JsonNode?> kept,
        int next, int finished, int successes, int count)
    {
        var running = next - finished;
        if (completion.OnRemaining == JoinRemaining.Wait && running > 0)
        {
            var stopping = new JsonObject
            {
                ["next"] = next, ["finished"] = finished, ["count"] = count,
                [ForEachCompletion.SuccessesField] = successes, [ForEachCompletion.StoppingField] = true,
            };
            return NodeOutcome.RunBody(ItemPort, [], stopping).Keeping(kept);   // no new items; wake again when the running ones finish
        }
        context.Log(Microsoft.Extensions.Logging.LogLevel.Information,
            $"Completed after {finished} of {count} items ({successes} successful); {running} still running: {completion.OnRemaining.ToString().ToLowerInvariant()}.");
        var done = NodeOutcome.Next(Results(context, kept, next), DonePort);
        return completion.OnRemaining == JoinRemaining.Ignore ? done.LettingBodiesFinish() : done;
    }

    /// <summary>The results finished so far, in item order ($results of completeWhen); iterations with a null result are left out.</summary>
    private static JsonArray FinishedResults(NodeContext context, Dictionary<string, JsonNode?> justFinished, int started) =>
        new([.. Enumerable.Range(0, started)
            .Select(i => justFinished.TryGetValue(ResultValue(i), out var fresh) ? fresh : context.Kept(ResultValue(i)))
            .Where(r => r is not null).Select(r => r!.DeepClone())]);

    private static JsonArray EvaluateItems(NodeContext context, CancellationToken cancellationToken)
    {
        var expression = NodeJson.String(context.Setting("items"))!;
        return context.Evaluate(expression, cancellationToken) switch
        {
            JsonArray array => array.Parent is null ? array : array.DeepClone().AsArray(),   // a result is a copy already
            null => [],
            var other => throw new NodeFailedException($"Items must be an array, but '{expression}' gave {other.GetValueKind().ToString().ToLowerInvariant()}.", "InvalidItems"),
        };
    }

    /// <summary>
    /// Every iteration's result in item order: kept by earlier activations, or finished just now. Taken, not copied: the
    /// kept results are dropped when this activation completes, so the output is their only holder from then on.
    /// </summary>
    private static JsonArray Results(NodeContext context, Dictionary<string, JsonNode?> justFinished, int count)
    {
        var results = new JsonNode?[count];
        for (var i = 0; i < count; i++)
        {
            var key = ResultValue(i);
            var result = justFinished.TryGetValue(key, out var fresh) ? fresh : context.Kept(key);
            results[i] = result?.Parent is null ? result : result.DeepClone();
        }
        return new JsonArray(results);
    }

    private static string ResultValue(int index) => $"r{index}";

    private static string AppendedValue(int index) => $"x{index}";
}
