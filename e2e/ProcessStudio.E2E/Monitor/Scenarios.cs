using System.Text.Json.Nodes;
using ProcessStudio.E2E.Infrastructure;
using ProcessStudio.Engine.Model;

namespace ProcessStudio.E2E.Monitor;

/// <summary>Workflows the monitor scenarios run.</summary>
internal static class Scenarios
{
    /// <summary>Start → Wait (delay) → Say done (log).</summary>
    public static WorkflowDefinition DelayThenLog(string name, string delay) => new WorkflowBuilder(name)
        .Node("start", NodeTypes.Manual, "Start", 0)
        .Node("wait", NodeTypes.Delay, "Wait", 1, settings: new JsonObject { ["duration"] = delay })
        .Node("done", NodeTypes.Log, "Say done", 2, settings: new JsonObject { ["message"] = "All done" })
        .Connect("start", "wait")
        .Connect("wait", "done")
        .Build();

    /// <summary>Start → three logs in a row, named Step A/B/C.</summary>
    public static WorkflowDefinition ThreeSteps(string name) => new WorkflowBuilder(name)
        .Node("start", NodeTypes.Manual, "Start", 0)
        .Node("a", NodeTypes.Log, "Step A", 1, settings: new JsonObject { ["message"] = "step a ran" })
        .Node("b", NodeTypes.Log, "Step B", 2, settings: new JsonObject { ["message"] = "step b ran" })
        .Node("c", NodeTypes.Log, "Step C", 3, settings: new JsonObject { ["message"] = "step c ran" })
        .Connect("start", "a")
        .Connect("a", "b")
        .Connect("b", "c")
        .Build();

    /// <summary>Start → an HTTP call that retries on 5xx (2 retries, 200 ms apart) → a log.</summary>
    public static WorkflowDefinition FlakyHttp(string name, string url) => new WorkflowBuilder(name)
        .Node("start", NodeTypes.Manual, "Start", 0)
        .Node("call", NodeTypes.HttpRequest, "Call flaky API", 1, settings: new JsonObject { ["method"] = "GET", ["url"] = url },
            policy: p =>
            {
                p.RetryPolicy = RetryPolicyNames.Custom;
                p.Custom = new CustomRetryPolicy { MaxRetries = 2, DelayMs = 200, Backoff = BackoffKind.Constant, RetryOn = ["http-5xx"] };
            })
        .Node("log", NodeTypes.Log, "Log response", 2, settings: new JsonObject { ["message"] = "got {{ $json.status }}" })
        .Connect("start", "call")
        .Connect("call", "log")
        .Build();

    /// <summary>Start → an information log and a warning log, then a long delay so lines stream while the run is live.</summary>
    public static WorkflowDefinition Chatty(string name) => new WorkflowBuilder(name)
        .Node("start", NodeTypes.Manual, "Start", 0)
        .Node("hello", NodeTypes.Log, "Say hello", 1, settings: new JsonObject { ["level"] = "information", ["message"] = "hello from the monitor test" })
        .Node("warn", NodeTypes.Log, "Warn about disk", 2, settings: new JsonObject { ["level"] = "warning", ["message"] = "disk almost full" })
        .Connect("start", "hello")
        .Connect("hello", "warn")
        .Build();

    /// <summary>Start → Approve invoice (wait for approval) → Pay / Refuse / Expire (logs on the approved, rejected and timeout ports).</summary>
    public static WorkflowDefinition InvoiceApproval(string name) => new WorkflowBuilder(name)
        .Node("start", NodeTypes.Manual, "Start", 0, 1)
        .Node("approve", NodeTypes.WaitForApproval, "Approve invoice", 1, 1, settings: new JsonObject
        {
            ["title"] = "Pay invoice {{ $input.number }}",
            ["message"] = "{{ $input.supplier }} asks for {{ $input.amount }} EUR.",
            ["note"] = "Finance approves invoices above 100 EUR.",
            ["timeout"] = "2d",
        })
        .Node("pay", NodeTypes.Log, "Pay", 2, 0, settings: new JsonObject { ["message"] = "paid by decision of {{ $json.by }}" })
        .Node("refuse", NodeTypes.Log, "Refuse", 2, 1, settings: new JsonObject { ["message"] = "refused: {{ $json.comment }}" })
        .Node("expire", NodeTypes.Log, "Expire", 2, 2, settings: new JsonObject { ["message"] = "nobody decided" })
        .Connect("start", "approve")
        .Connect("approve", "pay", "approved")
        .Connect("approve", "refuse", "rejected")
        .Connect("approve", "expire", "timeout")
        .Build();
}
