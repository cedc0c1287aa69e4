using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Validation;
using ProcessStudio.Engine.Nodes.Settings;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Nodes.Logic;

/// <summary>
/// Enters a critical section: continues on <c>out</c> once it holds the key (run-local or global across runs, kept in
/// the store), so two branches are never between a Lock and its Unlock at once. While another holder has it, the node
/// waits without a worker and checks again; past <c>timeout</c> it continues on <c>timeout</c>. Waiters queue in the
/// store in arrival order and a free key goes to the first in line, so contenders enter first come, first served. A lock
/// (or a first place in line) whose run has finished is taken over. Its holder id is committed before it asks, so a
/// repeat after a crash is the same holder and keeps its place.
/// </summary>
public sealed class LockNode(ILockStore locks, IExecutionStore executions) : NodeType
{
    public const string TypeName = "lock";
    public const string TimeoutPort = "timeout";
    /// <summary>How often a waiting Lock checks again while its run is live; a parked run is woken by the wait timer.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(100);

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Lock",
        Category = NodeCategory.Logic,
        Description = "Enters a critical section by key (this run or all runs): waits while another branch or run holds it. Release it with Unlock.",
        Icon = "lock",
        Outputs = [PortDescriptor.Out, new(TimeoutPort, "Timeout")],
        Settings =
        [
            .. CriticalSectionKey.Settings,
            new("timeout", "Wait at most", SettingKind.Duration) { Placeholder = "30s (empty: no limit)" },
        ],
    };

    /// <summary>A Lock with no Unlock of its key and scope after it holds the section until its run ends: allowed, but worth a warning.</summary>
    public override IEnumerable<ValidationProblem> ValidateShape(NodeDefinition node, WorkflowDefinition workflow)
    {
        if (CriticalSectionKey.Written(node) is not var (key, scope)) yield break;
        var downstream = WorkflowLinks.Downstream(workflow, node.Id);
        if (!CriticalSectionKey.Partners(node, workflow, UnlockNode.TypeName).Exists(u => downstream.Contains(u.Id)))
            yield return new("lock.unreleased", $"Lock '{node.Name}' takes '{key}' ({scope}), but no Unlock of that key and scope follows it: " +
                "the section stays held until the run ends.", node.Id, "key", Severity: ProblemSeverity.Warning);
    }

    public override async Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var now = context.Clock.GetUtcNow();
        if (context.State is null)
        {
            var timeout = DurationParser.TryParse(context.EvaluatedText("timeout", cancellationToken), out var limit) ? limit : (TimeSpan?)null;
            return NodeOutcome.Suspend(new JsonObject { ["holder"] = Guid.NewGuid().ToString(), ["timeoutAt"] = now + timeout });
        }
        var (storeKey, key) = CriticalSectionKey.Of(context, cancellationToken);
        var holder = new LockHolder(context.ExecutionId, Guid.Parse(NodeJson.String(context.State["holder"])!));
        var current = await locks.TryAcquireAsync(storeKey, holder, context.Node.Id, now, cancellationToken);
        while (current is not null && current.ExecutionId != context.ExecutionId && await HasFinishedAsync(current.ExecutionId, cancellationToken))
        {
            // A finished run holds and waits for nothing, whatever its rows say (a crash right after it ended).
            await locks.ReleaseAllAsync(current.ExecutionId, cancellationToken);
            context.Log(LogLevel.Warning, $"Took over lock '{key}' from run {current.ExecutionId}, which finished without releasing it or leaving its queue.");
            current = await locks.TryAcquireAsync(storeKey, holder, context.Node.Id, now, cancellationToken);
        }
        if (current is null)
        {
            context.Log(LogLevel.Information, $"Entered critical section '{key}'.");
            return NodeOutcome.Next(context.Input?.DeepClone());
        }
        var timeoutAt = context.State["timeoutAt"]?.GetValue<DateTimeOffset>();
        if (timeoutAt is { } deadline && now >= deadline)
        {
            await locks.LeaveQueueAsync(storeKey, holder, cancellationToken);
            context.Log(LogLevel.Warning, $"Gave up waiting for lock '{key}' (held by run {current.ExecutionId}).");
            return NodeOutcome.Next(context.Input?.DeepClone(), TimeoutPort);
        }
        var retryAt = now + RetryInterval;
        var waiting = context.State.DeepClone();
        waiting[QueuedOnField] = storeKey;   // so a cancelled branch can leave the queue without evaluating the key again
        return NodeOutcome.Wait(waiting, timeoutAt is { } t && t < retryAt ? t : retryAt);
    }

    /// <summary>A waiting Lock whose branch was cancelled leaves the queue at once, so the ones behind it move up.</summary>
    public override async Task BranchCancelledAsync(CancelledActivation cancelled, CancellationToken cancellationToken)
    {
        if (NodeJson.String(cancelled.State?[QueuedOnField]) is { } storeKey && NodeJson.String(cancelled.State?["holder"]) is { } holderId)
            await locks.LeaveQueueAsync(storeKey, new LockHolder(cancelled.ExecutionId, Guid.Parse(holderId)), cancellationToken);
    }

    private const string QueuedOnField = "queuedOn";

    private async Task<bool> HasFinishedAsync(Guid executionId, CancellationToken cancellationToken) =>
        await executions.GetAsync(executionId, cancellationToken) is not { } run || run.Status.IsFinished();
}
