using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;

namespace ProcessStudio.Web.Tests.Support;

/// <summary>Workflows the API tests run, built from the real node types.</summary>
public static class TestWorkflows
{
    public static WorkflowDefinition Hello(string name = "Hello") => Chain(name,
        Node("greet", "set-variables", new JsonObject { ["variables"] = new JsonArray(new JsonObject { ["name"] = "greeting", ["value"] = "Hello {{ $input?.name }}" }) }),
        Node("log", "log", new JsonObject { ["message"] = "{{ $vars.greeting }}" }));

    /// <summary>Trigger followed by <paramref name="count"/> Delay nodes: long enough to pause, resume and cancel mid-run.</summary>
    public static WorkflowDefinition Delays(int count, string duration, string name = "Delays") =>
        Chain(name, Enumerable.Range(1, count).Select(i => Node($"wait{i}", "delay", new JsonObject { ["duration"] = duration })).ToArray());

    /// <summary>Trigger followed by one GET per URL, without retries so every request is counted once per attempt.</summary>
    public static WorkflowDefinition HttpSteps(IReadOnlyList<string> urls, string name = "HTTP steps")
    {
        var workflow = Chain(name, urls.Select((url, i) => Node($"step{i + 1}", "http-request", new JsonObject { ["method"] = "GET", ["url"] = url })).ToArray());
        workflow.Settings.DefaultRetryPolicy = RetryPolicyNames.None;
        return workflow;
    }

    /// <summary>An invoice approval: "approve" waits; its approved, rejected and timeout ports lead to "paid", "refused" and "expired".</summary>
    public static WorkflowDefinition Approval(string name = "Approve invoice", string? timeout = null)
    {
        var workflow = Chain(name, Node("approve", "wait-for-approval", new JsonObject
        {
            ["title"] = "Pay invoice {{ $input.number }}",
            ["message"] = "Amount: {{ $input.amount }} EUR",
            ["note"] = "Finance team decides.",
            ["timeout"] = timeout,
        }));
        foreach (var (id, port, row) in new[] { ("paid", "approved", 0), ("refused", "rejected", 1), ("expired", "timeout", 2) })
        {
            var node = Node(id, "log", new JsonObject { ["message"] = $"{id}: {{{{ $json.decision }}}} by {{{{ $json.by }}}}" });
            node.Position = new Position(540, 20 + 130 * row);
            workflow.Nodes.Add(node);
            workflow.Connections.Add(new Connection("approve", port, id));
        }
        return workflow;
    }

    /// <summary>Trigger, a Wait until for <paramref name="duration"/>, then a log line.</summary>
    public static WorkflowDefinition Timer(string duration, string name = "Timer") => Chain(name,
        Node("sleep", "wait-until", new JsonObject { ["mode"] = "duration", ["duration"] = duration }),
        Node("woke", "log", new JsonObject { ["message"] = "woke up" }));

    public static WorkflowDefinition Failing(string message = "Boom") => Chain("Failing", Node("fail", "fail", new JsonObject { ["message"] = message }));

    /// <summary>A Loop of three iterations whose body runs node "work" only in the first: it runs once and is skipped twice.</summary>
    public static WorkflowDefinition RunsOnceSkipsTwice(string name = "Skips")
    {
        var workflow = Chain(name, Node("repeat", "loop", new JsonObject { ["condition"] = "$index < 3" }));
        workflow.Nodes.Add(Node("first", "if", new JsonObject { ["condition"] = "$index == 0" }));
        workflow.Nodes.Add(Node("work", "transform", new JsonObject { ["fields"] = new JsonObject { ["i"] = "{{ $index }}" } }));
        workflow.Connections.Add(new Connection("repeat", "loop", "first"));
        workflow.Connections.Add(new Connection("first", "true", "work"));
        return workflow;
    }

    /// <summary>A manual trigger with id "start" and the given nodes linked one after another through their "out" ports.</summary>
    public static WorkflowDefinition Chain(string name, params NodeDefinition[] nodes)
    {
        var all = new List<NodeDefinition> { Node("start", "manual-trigger", []) };
        all.AddRange(nodes);
        for (var i = 0; i < all.Count; i++)
            all[i].Position = new Position(100 + 220 * i, 150);
        return new WorkflowDefinition
        {
            Name = name,
            Nodes = all,
            Connections = all.Zip(all.Skip(1), (from, to) => new Connection(from.Id, "out", to.Id)).ToList(),
            Variables = [new VariableDefinition("greeting", "")],
        };
    }

    public static NodeDefinition Node(string id, string type, JsonObject settings) => new() { Id = id, Type = type, Name = id, Settings = settings };
}
