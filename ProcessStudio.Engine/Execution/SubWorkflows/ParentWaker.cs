using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution.Runtime;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.SubWorkflows;

/// <summary>
/// Tells a parent run that one of its sub-workflow runs finished, by signalling the Sub-workflow node waiting for it.
/// The signal is only a nudge: the node re-reads its child's status itself, and re-checks on a timer when no nudge comes.
/// </summary>
public sealed class ParentWaker(IExecutionStore executions, IWorkflowEngine engine, ILogger<ParentWaker> logger)
{
    /// <summary>A child may finish before its parent has parked; the parent is then asked again, a few times, for about 3 seconds.</summary>
    private const int MaxAttempts = 12;

    /// <summary>True when the parent took the signal or needs none (finished, or it already read the result); false when it did not park in time.</summary>
    public async Task<bool> WakeAsync(ExecutionRecord child, CancellationToken cancellationToken)
    {
        if (child.Mode != ExecutionMode.SubWorkflow || child.ParentExecutionId is not { } parentId) return true;
        var payload = new JsonObject { ["childExecutionId"] = child.Id.ToString(), ["status"] = child.Status.ApiName() };
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var parent = await executions.GetAsync(parentId, cancellationToken);
            if (parent is null || parent.Status.IsFinished()) return true;
            if (await WaitingNodeAsync(parentId, child.Id, cancellationToken) is not { } nodeId) return true;   // it already took the result
            try
            {
                await engine.SignalAsync(parentId, nodeId, payload, cancellationToken);
                logger.LogInformation("Execution {ExecutionId}: sub-workflow run {ChildExecutionId} finished; node {NodeId} continues", parentId, child.Id, nodeId);
                return true;
            }
            catch (InvalidTransitionException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken);   // not parked yet
            }
        }
        logger.LogWarning("Execution {ExecutionId} did not take the signal that sub-workflow run {ChildExecutionId} finished yet; the outbox retries it",
            parentId, child.Id);
        return false;
    }

    /// <summary>The node whose activation started this child, from the parent's last checkpoint; null when none is still on the agenda.</summary>
    private async Task<string?> WaitingNodeAsync(Guid parentId, Guid childId, CancellationToken cancellationToken)
    {
        var checkpoint = await executions.GetCheckpointAsync(parentId, cancellationToken);
        if (checkpoint is null) return null;
        var state = RunState.Deserialize(parentId, checkpoint.StateJson);
        var child = childId.ToString();
        return state.Agenda.Find(a => a.NodeState is JsonObject nodeState && nodeState["childId"]?.GetValue<string>() == child)?.NodeId;
    }
}
