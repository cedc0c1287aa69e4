using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution.Runtime;
using ProcessStudio.Engine.Nodes.Actions;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution;

public enum ApprovalDecision { Approve, Reject }

/// <summary>An approval a run is waiting for, as approvers see it.</summary>
public sealed record PendingApproval(
    Guid ExecutionId,
    Guid WorkflowId,
    string WorkflowName,
    ExecutionStatus RunStatus,
    string NodeId,
    string NodeName,
    string Title,
    string? Message,
    string? Note,
    DateTimeOffset? RequestedAt,
    DateTimeOffset? TimeoutAt);

/// <summary>
/// The approvals inbox used by the API and the monitor alike: lists the Wait for approval nodes that wait, and turns a
/// person's decision into the signal the node expects, stamped with who decided and when.
/// </summary>
public sealed class Approvals(WaitingNodes waiting, IExecutionStore executions, RunStateLoader loader, IWorkflowEngine engine, TimeProvider clock)
{
    public const int MaxComment = 2000;

    public async Task<IReadOnlyList<PendingApproval>> ListAsync(Guid? workflowId, int limit, CancellationToken cancellationToken) =>
        (await waiting.ListAsync(workflowId, WaitForApprovalNode.TypeName, limit, cancellationToken)).Select(ToApproval).ToList();

    public async Task<IReadOnlyList<PendingApproval>> InRunAsync(Guid executionId, CancellationToken cancellationToken)
    {
        var run = await executions.GetAsync(executionId, cancellationToken) ?? throw new NotFoundException("Execution", executionId);
        return (await waiting.InRunAsync(run, cancellationToken)).Where(w => w.NodeType == WaitForApprovalNode.TypeName).Select(ToApproval).ToList();
    }

    /// <summary>
    /// Approves or rejects the approval waiting at <paramref name="nodeId"/>. Unknown run or approval node: <see cref="NotFoundException"/>;
    /// nothing waiting there (already decided, timed out, cancelled): <see cref="InvalidTransitionException"/>.
    /// </summary>
    public async Task<ExecutionRecord> DecideAsync(Guid executionId, string nodeId, ApprovalDecision decision, string? comment, string by,
        CancellationToken cancellationToken)
    {
        var run = await executions.GetAsync(executionId, cancellationToken) ?? throw new NotFoundException("Execution", executionId);
        var graph = await loader.GraphAsync(run.WorkflowId, run.WorkflowVersion, cancellationToken);
        if (!graph.Contains(nodeId) || graph.Node(nodeId).Type != WaitForApprovalNode.TypeName)
            throw new NotFoundException($"Wait for approval node of execution {executionId}", nodeId);
        var payload = new JsonObject
        {
            ["decision"] = decision == ApprovalDecision.Approve ? "approve" : "reject",
            ["comment"] = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
            ["by"] = by,
            ["at"] = clock.GetUtcNow(),
        };
        return await engine.SignalAsync(executionId, nodeId, payload, cancellationToken);
    }

    private static PendingApproval ToApproval(WaitingNode node)
    {
        var request = WaitForApprovalNode.Request(node.State);
        return new PendingApproval(node.ExecutionId, node.WorkflowId, node.WorkflowName, node.RunStatus, node.NodeId, node.NodeName,
            request.Title, request.Message, request.Note, request.RequestedAt ?? node.Since, request.TimeoutAt);
    }
}
