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

    /// <summary>An Unlock needs a Lock of the same key and scope before it on its path; otherwise it releases nothing.</summary>
    public override IEnumerable<ValidationProblem> ValidateShape(NodeDefinition node, WorkflowDefinition workflow)
    {
        if (CriticalSectionKey.Written(node) is not var (key, scope)) yield break;
        var locks = CriticalSectionKey.Partners(node, workflow, LockNode.TypeName);
        if (locks.Count == 0)
            yield return new("lock.unpaired", $"Unlock '{node.Name}' releases '{key}' ({scope}), but no Lock node takes that key and scope.", node.Id, "key",
                Severity: ProblemSeverity.Warning);
        else if (!locks.Exists(l => WorkflowLinks.Downstream(workflow, l.Id).Contains(node.Id)))
            yield return new("lock.unpaired", $"Unlock '{node.Name}' releases '{key}' ({scope}), but no Lock of that key and scope comes before it on its path " +
                $"({string.Join(", ", locks.Select(l => $"'{l.Name}'"))} cannot reach it), so it would release nothing.", node.Id, "key", Severity: ProblemSeverity.Warning);
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
