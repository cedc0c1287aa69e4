using System.Collections;

namespace ProcessStudio.Engine.Execution.Runtime;

/// <summary>
/// The log scope of one node activation: its execution and node ids as structured properties, like a dictionary of the
/// two would give, without building a dictionary on every step.
/// </summary>
internal sealed class NodeLogScope(Guid executionId, string nodeId) : IReadOnlyList<KeyValuePair<string, object>>
{
    public int Count => 2;

    public KeyValuePair<string, object> this[int index] => index switch
    {
        0 => new("ExecutionId", executionId),
        1 => new("NodeId", nodeId),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
    {
        yield return this[0];
        yield return this[1];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"ExecutionId: {executionId}, NodeId: {nodeId}";
}
