using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Nodes.Logic;

/// <summary>Leaves a critical section entered with Lock (same key and scope), letting the next waiting branch or run in.</summary>
public sealed class UnlockNode(ILockStore locks) : NodeType
{
    public const string TypeName = "unlock";

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Unlock",
        Category = NodeCategory.Logic,
        Description = "Leaves the critical section a Lock node entered with the same key and scope; passes its input on.",
        Icon = "lock-open",
        Settings = [.. CriticalSectionKey.Settings],
    };

    public override async Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var (storeKey, key) = CriticalSectionKey.Of(context, cancellationToken);
        if (await locks.ReleaseAsync(storeKey, context.ExecutionId, cancellationToken))
            context.Log(LogLevel.Information, $"Left critical section '{key}'.");
        else
            context.Log(LogLevel.Warning, $"Lock '{key}' was not held by this run; nothing to release.");
        return NodeOutcome.Next(context.Input?.DeepClone());
    }
}
