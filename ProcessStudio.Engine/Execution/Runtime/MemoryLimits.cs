using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Nodes;

namespace ProcessStudio.Engine.Execution.Runtime;

/// <summary>
/// Checks each node's output against the engine's size limits before the run keeps it: one node's output
/// (<see cref="EngineOptions.MaxNodeOutputBytes"/>), the run input as the trigger passes it on
/// (<see cref="EngineOptions.MaxRunInputBytes"/>) and all node outputs the run holds together
/// (<see cref="EngineOptions.MaxRunStateBytes"/>). An output over a limit fails its node with an error that names both.
/// </summary>
internal sealed class MemoryLimits(EngineOptions options, WorkflowGraph graph)
{
    /// <summary>The measured size of each node's latest output, by node id; filled from the state on first use (after a resume).</summary>
    private Dictionary<string, long>? _sizes;
    private long _total;

    /// <summary>Null when the output fits; then it is counted as the node's latest output.</summary>
    public NodeFailedException? Admit(RunState state, NodeDefinition node, JsonNode? output)
    {
        var isTrigger = node.Id == graph.Trigger.Id;
        var (limit, setting, what) = isTrigger
            ? (Math.Min(options.MaxRunInputBytes, options.MaxNodeOutputBytes), nameof(EngineOptions.MaxRunInputBytes), "The run input")
            : (options.MaxNodeOutputBytes, nameof(EngineOptions.MaxNodeOutputBytes), $"The output of node '{node.Name}'");
        if (!JsonSize.TryMeasure(output, limit, out var size))
            return new NodeFailedException($"{what} is larger than {JsonSize.Format(limit)}, the limit (Engine:{setting}).", "LimitExceeded");

        var sizes = Sizes(state);
        var total = _total - sizes.GetValueOrDefault(node.Id) + size;
        if (total > options.MaxRunStateBytes)
            return new NodeFailedException(
                $"With the output of node '{node.Name}' ({JsonSize.Format(size)}) the run would hold more than {JsonSize.Format(options.MaxRunStateBytes)} " +
                $"of node outputs, the limit (Engine:{nameof(EngineOptions.MaxRunStateBytes)}).", "LimitExceeded");
        sizes[node.Id] = size;
        _total = total;
        return null;
    }

    private Dictionary<string, long> Sizes(RunState state)
    {
        if (_sizes is not null) return _sizes;
        _sizes = [];
        foreach (var (key, output) in state.NodeOutputs)
        {
            if (!graph.Contains(key)) continue;   // outputs are kept by id and by name: count each once
            JsonSize.TryMeasure(output, long.MaxValue, out var size);
            _sizes[key] = size;
            _total += size;
        }
        return _sizes;
    }
}
