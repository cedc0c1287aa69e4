using System.Text.Json.Nodes;
using ProcessStudio.Engine.Expressions;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Nodes;

namespace ProcessStudio.Engine.Execution.Runtime;

/// <summary>
/// Runs one node alone for the designer's "test node": the given (or pinned) input, variables at their defaults,
/// a single attempt, nothing persisted. A Delay really waits; a loop node reports the bodies it would run, and a
/// waiting node (Wait until, Wait for approval) what it would wait for.
/// </summary>
public sealed class NodeTester(NodeCatalog catalog, NodeInvoker invoker, TimeProvider clock)
{
    private const int MaxSuspensions = 1000;

    public async Task<NodeTestResult> TestAsync(WorkflowDefinition workflow, string nodeId, JsonNode? input, CancellationToken cancellationToken)
    {
        var node = workflow.FindNode(nodeId) ?? throw new NotFoundException("Node", nodeId);
        var type = catalog.FindType(node.Type) ?? throw new ArgumentException($"Node '{node.Name}' has unknown type '{node.Type}'.", nameof(nodeId));
        input ??= node.PinnedInput?.DeepClone();
        var executionId = Guid.NewGuid();
        var activation = new Activation { Id = 1, NodeId = node.Id, Input = input, RecordId = Guid.NewGuid() };
        var scope = new ExpressionScope()
            .Set("$input", input)
            .Set("$json", input)
            .Set("$vars", InitialState.Variables(workflow, input))
            .Set("$node", new JsonObject())
            .Set("$execution", new JsonObject { ["id"] = executionId.ToString(), ["workflowId"] = workflow.Id.ToString(), ["workflowName"] = workflow.Name, ["mode"] = "test" });

        var started = clock.GetUtcNow();
        var logs = new List<Persistence.ExecutionLogRecord>();
        for (var i = 0; i < MaxSuspensions; i++)
        {
            var request = new InvocationRequest(executionId, workflow, node, type, activation, scope, CancellationToken.None, UseRetryPolicy: false);
            var result = await invoker.InvokeAsync(request, cancellationToken);
            logs.AddRange(result.Logs);
            var duration = (long)(clock.GetUtcNow() - started).TotalMilliseconds;
            if (result.Cancelled) throw new OperationCanceledException(cancellationToken);
            if (result.Error is { } error) return new NodeTestResult(false, null, null, error.Message, logs, duration);

            var outcome = result.Outcome!;
            switch (outcome.Kind)
            {
                case OutcomeKind.Suspended:
                    activation.NodeState = outcome.State;
                    continue;
                case OutcomeKind.Waiting:
                    // A test run does not park: it shows what the node would wait for.
                    var waiting = new JsonObject { ["waiting"] = true, ["wakeAt"] = outcome.WakeAt, ["state"] = outcome.State?.DeepClone() };
                    return new NodeTestResult(true, null, waiting, null, logs, duration);
                case OutcomeKind.RunBody:
                    var bodies = new JsonArray([.. outcome.Bodies.Select(b => (JsonNode?)new JsonObject { ["index"] = b.Index, ["item"] = b.Item?.DeepClone() })]);
                    return new NodeTestResult(true, outcome.BodyPort, new JsonObject { ["bodies"] = bodies }, null, logs, duration);
                default:
                    return new NodeTestResult(true, string.Join(",", outcome.Ports), outcome.Output, null, logs, duration);
            }
        }
        throw new InvalidOperationException($"Node '{node.Name}' kept suspending; a test run stops after {MaxSuspensions} suspensions.");
    }
}
