using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Execution.SubWorkflows;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Nodes.Actions;

/// <summary>
/// Runs another workflow as a child run and continues with its output. The activation goes through three states, each
/// committed: choose the child's id, start the child under that id (so a repeat after a crash finds it instead of starting
/// a second one), then park until the child finishes. The parent holds no worker while it waits; it is nudged by
/// the outbox (<see cref="Execution.Outbox.RunReactions"/>) when the child finishes and otherwise re-checks on a timer, so a missed nudge
/// (a crash, or the child finishing before the parent parked) only delays it.
/// </summary>
public sealed class SubWorkflowNode(ISubWorkflowRunner runner) : NodeType
{
    public const string TypeName = "sub-workflow";

    /// <summary>How often a waiting parent looks at its child without being nudged.</summary>
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromMinutes(1);

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Sub-workflow",
        Category = NodeCategory.Action,
        Description = "Runs another workflow as a child run and continues with its output. A failed or cancelled child fails the node or goes to the error port.",
        Icon = "workflow",
        Outputs = [PortDescriptor.Out, PortDescriptor.Error],
        Settings =
        [
            new("workflow", "Workflow", SettingKind.Workflow) { Required = true, AllowsTemplates = false },
            new("version", "Version", SettingKind.Integer) { Min = 1, Placeholder = "Latest", Description = "A pinned version; empty runs the latest." },
            new("input", "Input", SettingKind.Json)
            {
                Placeholder = "{ \"orderId\": \"{{ $json.id }}\" }",
                Description = "The child's $input, with {{ }} templates. Empty passes this node's input on.",
            },
            new("waitForCompletion", "Wait for completion", SettingKind.Boolean)
            {
                Default = true,
                Description = "Off: continue at once with the child run's id while it runs on its own.",
            },
            new("failOnChildFailure", "Fail when the child fails", SettingKind.Boolean)
            {
                Default = true,
                Description = "Off: a failed or cancelled child run goes to the error port with its error.",
            },
        ],
    };

    /// <summary>The node's own timeout would count the child's whole run; the child has its own limits instead.</summary>
    public override bool HonoursNodeTimeout => false;

    public override async Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        if (context.State?["childId"] is not { } childIdNode)
            return NodeOutcome.Suspend(NewChild());

        var childId = Guid.Parse(childIdNode.GetValue<string>());
        var started = NodeJson.Bool(context.State["started"]) == true;
        var child = started
            ? await runner.GetRunAsync(childId, cancellationToken)
              ?? throw new NodeFailedException($"The sub-workflow run {childId} no longer exists; it was deleted while this node waited for it.", "SubWorkflowMissing")
            : await StartAsync(context, childId, cancellationToken);
        if (child.ParentExecutionId is { } owner && owner != context.ExecutionId)
            return NodeOutcome.Suspend(NewChild());   // a retry inherited this state from the run it retries: that child is the old run's

        if (!started && !(NodeJson.Bool(context.Setting("waitForCompletion")) ?? true))
            return NodeOutcome.Next(Reference(child));
        return Outcome(context, child);
    }

    /// <summary>Nobody waits for the child any more: it is cancelled too (its own cancellation cascades to grandchildren).</summary>
    public override async Task BranchCancelledAsync(CancelledActivation cancelled, CancellationToken cancellationToken)
    {
        if (cancelled.State?["childId"]?.GetValue<string>() is { } text && Guid.TryParse(text, out var childId))
            await runner.CancelChildAsync(childId, cancellationToken);
    }

    private static JsonObject NewChild() => new() { ["childId"] = Guid.NewGuid().ToString() };

    private async Task<ExecutionRecord> StartAsync(NodeContext context, Guid childId, CancellationToken cancellationToken)
    {
        var workflowId = NodeJson.String(context.Setting("workflow")) is { } text && Guid.TryParse(text, out var id)
            ? id
            : throw new NodeFailedException($"Node '{context.Node.Name}' has no workflow to run; pick one in its settings.", "InvalidSettings");
        var input = context.Setting("input") is null ? context.Input?.DeepClone() : context.Evaluated("input", cancellationToken);
        var child = await runner.StartChildAsync(
            new ChildRunRequest(context.ExecutionId, context.Node.Name, childId, workflowId, NodeJson.Int(context.Setting("version")), input),
            cancellationToken);
        context.Log(LogLevel.Information, $"Started sub-workflow run {child.Id} of '{child.WorkflowName}' v{child.WorkflowVersion}.", Reference(child));
        return child;
    }

    private NodeOutcome Outcome(NodeContext context, ExecutionRecord child)
    {
        switch (child.Status)
        {
            case ExecutionStatus.Completed:
                return NodeOutcome.Next(child.Output?.DeepClone());
            case ExecutionStatus.Failed or ExecutionStatus.Cancelled or ExecutionStatus.Compensated or ExecutionStatus.CompensationFailed:
                var what = child.Status == ExecutionStatus.Cancelled ? "was cancelled" : $"failed: {child.ErrorMessage}";
                var message = $"Sub-workflow run {child.Id} of '{child.WorkflowName}' {what}";
                var details = Reference(child);
                details["error"] = child.ErrorMessage;
                details["errorNodeId"] = child.ErrorNodeId;
                if (NodeJson.Bool(context.Setting("failOnChildFailure")) ?? true)
                    throw new NodeFailedException(message, child.Status == ExecutionStatus.Cancelled ? "SubWorkflowCancelled" : "SubWorkflowFailed", details);
                details["message"] = message;
                return NodeOutcome.Next(details, PortDescriptor.Error.Name);
            default:
                return NodeOutcome.Wait(new JsonObject { ["childId"] = child.Id.ToString(), ["started"] = true },
                    context.Clock.GetUtcNow() + RecheckInterval);
        }
    }

    private static JsonObject Reference(ExecutionRecord child) => new()
    {
        ["executionId"] = child.Id.ToString(),
        ["workflowId"] = child.WorkflowId.ToString(),
        ["workflowVersion"] = child.WorkflowVersion,
        ["status"] = child.Status.ApiName(),
    };
}
