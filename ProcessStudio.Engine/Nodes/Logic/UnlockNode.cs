using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Validation;

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

    public override IEnumerable<ValidationProblem> ValidateShape(NodeDefinition node, WorkflowDefinition workflow)
    {
        var key = NodeJson.String(node.Settings["key"]);
        var scope = NodeJson.String(node.Settings["scope"]) ?? "run";
        if (string.IsNullOrEmpty(key)) yield break;
        if (!workflow.Nodes.Exists(n => n.Type == LockNode.TypeName && NodeJson.String(n.Settings["key"]) == key && (NodeJson.String(n.Settings["scope"]) ?? "run") == scope))
            yield return new("lock.unpaired", $"Unlock '{node.Name}' releases '{key}' ({scope}), but no Lock node takes that key and scope.", node.Id, "key",
                Severity: ProblemSeverity.Warning);
    }

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
