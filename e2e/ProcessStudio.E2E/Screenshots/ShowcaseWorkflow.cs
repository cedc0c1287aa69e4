using System.Text.Json.Nodes;
using ProcessStudio.E2E.Infrastructure;
using ProcessStudio.Engine.Model;

namespace ProcessStudio.E2E.Screenshots;

/// <summary>A realistic 12-node order workflow: fetch, branch, join, a for-each with delays, notify and audit.</summary>
internal static class ShowcaseWorkflow
{
    public const string Name = "Order fulfilment";

    public static WorkflowDefinition Build() => new WorkflowBuilder(Name)
        .Node("start", NodeTypes.Manual, "New order", 0, 1)
        .Node("fetch", NodeTypes.HttpRequest, "Fetch order", 1, 1,
            new JsonObject { ["method"] = "GET", ["url"] = "{{ $input.orderUrl }}" },
            policy: p =>
            {
                p.RetryPolicy = RetryPolicyNames.Custom;
                p.Custom = new CustomRetryPolicy { MaxRetries = 2, DelayMs = 300, Backoff = BackoffKind.Constant, RetryOn = ["http-5xx"] };
            })
        .Node("check", NodeTypes.If, "Large order?", 2, 1, new JsonObject { ["condition"] = "$json.body.total > 100" })
        .Node("priority", NodeTypes.SetVariables, "Flag priority", 3, 0,
            new JsonObject { ["variables"] = new JsonArray(new JsonObject { ["name"] = "lane", ["value"] = "priority" }) })
        .Node("standard", NodeTypes.Transform, "Standard lane", 3, 2,
            new JsonObject { ["fields"] = new JsonObject { ["lane"] = "standard" } })
        .Node("join", "join", "Join lanes", 4, 1)
        .Node("each", NodeTypes.ForEach, "Each line item", 5, 1, new JsonObject { ["items"] = "$input.items", ["mode"] = "sequential" })
        .Node("pick", NodeTypes.Delay, "Pick item", 6, 0, new JsonObject { ["duration"] = "1500ms" })
        .Node("log-item", NodeTypes.Log, "Log picked item", 7, 0, new JsonObject { ["message"] = "Picked item {{ $index + 1 }}: {{ $item }}" })
        .Node("notify", NodeTypes.HttpRequest, "Notify warehouse", 6, 2,
            new JsonObject { ["method"] = "POST", ["url"] = "{{ $input.notifyUrl }}", ["bodyType"] = "json", ["body"] = new JsonObject { ["order"] = "done" } })
        .Node("audit", NodeTypes.Log, "Audit trail", 7, 2, new JsonObject { ["level"] = "information", ["message"] = "Warehouse notified" })
        .Node("done", NodeTypes.Log, "Order complete", 8, 1, new JsonObject { ["message"] = "Order fulfilled" })
        .Connect("start", "fetch")
        .Connect("fetch", "check")
        .Connect("check", "priority", "true")
        .Connect("check", "standard", "false")
        .Connect("priority", "join")
        .Connect("standard", "join")
        .Connect("join", "each")
        .Connect("each", "pick", "item")
        .Connect("pick", "log-item")
        .Connect("each", "notify", "done")
        .Connect("notify", "audit")
        .Connect("audit", "done")
        .Build();

    public static JsonObject Input(string orderUrl, string notifyUrl, int items) => new()
    {
        ["orderUrl"] = orderUrl,
        ["notifyUrl"] = notifyUrl,
        ["items"] = new JsonArray(Enumerable.Range(1, items).Select(i => (JsonNode?)$"SKU-{1000 + i}").ToArray()),
    };
}
