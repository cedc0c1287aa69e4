using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Nodes.Settings;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Nodes.Logic;

/// <summary>
/// Enters a critical section: continues on <c>out</c> once it holds the key (run-local or global across runs, kept in
/// the store), so two branches are never between a Lock and its Unlock at once. While another holder has it, the node
/// waits without a worker and checks again; past <c>timeout</c> it continues on <c>timeout</c>. A lock whose holder run
/// has finished is taken over. Its holder id is committed before it asks, so a repeat after a crash is the same holder.
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
        if (current is not null && await HasFinishedAsync(current.ExecutionId, cancellationToken))
        {
            await locks.ReleaseAsync(storeKey, current.ExecutionId, cancellationToken);
            context.Log(LogLevel.Warning, $"Took over lock '{key}' from run {current.ExecutionId}, which finished without releasing it.");
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
            context.Log(LogLevel.Warning, $"Gave up waiting for lock '{key}' (held by run {current.ExecutionId}).");
            return NodeOutcome.Next(context.Input?.DeepClone(), TimeoutPort);
        }
        var retryAt = now + RetryInterval;
        return NodeOutcome.Wait(context.State.DeepClone(), timeoutAt is { } t && t < retryAt ? t : retryAt);
    }

    private async Task<bool> HasFinishedAsync(Guid executionId, CancellationToken cancellationToken) =>
        await executions.GetAsync(executionId, cancellationToken) is not { } run || run.Status.IsFinished();
}
