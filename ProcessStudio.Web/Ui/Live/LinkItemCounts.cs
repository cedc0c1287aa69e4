using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Web.Ui.Live;

/// <summary>
/// How many items went over each link of a run: every finished activation adds its output's item count (an array's
/// length, else 1) to the links leaving by the port(s) it took. Keyed by activation, so a record seen both in the
/// snapshot and in a later event counts once; the finish time lets a replay count only what had happened by then.
/// </summary>
public sealed class LinkItemCounts
{
    private readonly Dictionary<Guid, Passage> _passages = [];

    private sealed record Passage(string NodeId, string[] Ports, int Items, DateTimeOffset At);

    public void Reset(IEnumerable<NodeExecutionRecord> records)
    {
        _passages.Clear();
        foreach (var record in records)
            Record(record.Id, record.NodeId, record.OutputPort, record.OutputPort is null ? null : OutputItems.Count(record.Output),
                record.FinishedAt ?? record.StartedAt);
    }

    /// <summary>An activation finished on <paramref name="ports"/> (comma-separated when it took several) with this many items.</summary>
    public void Record(Guid activationId, string nodeId, string? ports, int? items, DateTimeOffset at)
    {
        if (string.IsNullOrEmpty(ports) || items is null) return;
        _passages[activationId] = new Passage(nodeId, ports.Split(','), items.Value, at);
    }

    /// <summary>Items per connection id (<see cref="Connection.Id"/>), counting activations finished by <paramref name="until"/> (all when null).</summary>
    public IReadOnlyDictionary<string, int> For(WorkflowDefinition workflow, DateTimeOffset? until = null)
    {
        var byPort = new Dictionary<(string Node, string Port), int>();
        foreach (var passage in _passages.Values.Where(p => until is null || p.At <= until))
            foreach (var port in passage.Ports)
                byPort[(passage.NodeId, port)] = byPort.GetValueOrDefault((passage.NodeId, port)) + passage.Items;
        return workflow.Connections
            .Where(c => byPort.ContainsKey((c.SourceNodeId, c.SourcePort)))
            .ToDictionary(c => c.Id, c => byPort[(c.SourceNodeId, c.SourcePort)]);
    }
}
