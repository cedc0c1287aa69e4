using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Nodes;

namespace ProcessStudio.Engine.Execution.Runtime;

/// <summary>A validated workflow indexed for routing: node types, outgoing links by port and incoming links by node.</summary>
public sealed class WorkflowGraph
{
    private readonly Dictionary<string, NodeDefinition> _nodes;
    private readonly Dictionary<string, NodeType> _types;
    private readonly Dictionary<(string Node, string Port), List<Connection>> _outgoing;
    private readonly Dictionary<string, List<Connection>> _incoming;
    private readonly Dictionary<string, IReadOnlyList<string>> _outputPorts;
    private readonly Dictionary<string, JoinRule> _joinRules;

    public WorkflowGraph(WorkflowDefinition workflow, NodeCatalog catalog)
    {
        Workflow = workflow;
        _nodes = workflow.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        _types = workflow.Nodes.ToDictionary(n => n.Id, n => catalog.FindType(n.Type)
            ?? throw new InvalidOperationException($"Node '{n.Name}' has unknown type '{n.Type}'."), StringComparer.Ordinal);
        _outputPorts = workflow.Nodes.ToDictionary(n => n.Id, n => (IReadOnlyList<string>)[.. catalog.OutputPorts(n).Select(p => p.Name)], StringComparer.Ordinal);
        _outgoing = workflow.Connections.GroupBy(c => (c.SourceNodeId, c.SourcePort)).ToDictionary(g => g.Key, g => g.ToList());
        _incoming = workflow.Connections.GroupBy(c => c.TargetNodeId).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        _joinRules = workflow.Nodes.Select(n => (n.Id, Rule: _types[n.Id].JoinRule(n))).Where(r => r.Rule is not null)
            .ToDictionary(r => r.Id, r => r.Rule!, StringComparer.Ordinal);
        Trigger = workflow.Nodes.First(n => !n.Disabled && _types[n.Id].Descriptor.IsTrigger);
        _nodeOutputReaders = workflow.Nodes.Where(n => _types[n.Id].ReadsWholeScope || MentionsNodeOutputs(n)).Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
    }

    private readonly HashSet<string> _nodeOutputReaders;

    /// <summary>
    /// Whether the node can read <c>$node</c> while it runs: its settings mention it, or its type hands the whole scope to a
    /// script. Expressions reach <c>$node</c> only by that name, so other nodes never read it and the run need not keep a
    /// stable copy of the outputs for them (see <c>ExecutionRun.RememberOutput</c>).
    /// </summary>
    public bool ReadsNodeOutputs(string nodeId) => _nodeOutputReaders.Contains(nodeId);

    private static bool MentionsNodeOutputs(NodeDefinition node) =>
        node.Settings.ToJsonString().Contains("$node", StringComparison.Ordinal);

    public WorkflowDefinition Workflow { get; }
    public NodeDefinition Trigger { get; }
    public int NodeCount => _nodes.Count;

    public NodeDefinition Node(string id) => _nodes[id];
    public bool Contains(string id) => _nodes.ContainsKey(id);
    public NodeType TypeOf(string nodeId) => _types[nodeId];
    public IReadOnlyList<string> OutputPorts(string nodeId) => _outputPorts[nodeId];
    public IReadOnlyList<Connection> Outgoing(string nodeId, string port) => _outgoing.GetValueOrDefault((nodeId, port)) ?? [];
    public IReadOnlyList<Connection> Incoming(string nodeId) => _incoming.GetValueOrDefault(nodeId) ?? [];
    public JoinRule? JoinRule(string nodeId) => _joinRules.GetValueOrDefault(nodeId);

    /// <summary>Reachability between nodes, built on first use.</summary>
    public GraphReach Reach => _reach ??= new GraphReach(this);
    private GraphReach? _reach;
}
