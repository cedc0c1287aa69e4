using ProcessStudio.Engine.Model;

namespace ProcessStudio.Engine.Nodes;

/// <summary>The node types registered in DI, by type name.</summary>
public sealed class NodeCatalog : INodeCatalog
{
    private readonly Dictionary<string, NodeType> _types;

    public NodeCatalog(IEnumerable<NodeType> types)
    {
        _types = new Dictionary<string, NodeType>(StringComparer.Ordinal);
        foreach (var type in types)
            _types[type.Descriptor.Type] = type;   // the last registration wins, so an extension can replace a built-in
        All = [.. _types.Values.Select(t => t.Descriptor).OrderBy(d => d.Category).ThenBy(d => d.DisplayName)];
    }

    public IReadOnlyList<NodeDescriptor> All { get; }

    public NodeDescriptor? Find(string type) => FindType(type)?.Descriptor;

    public NodeType? FindType(string type) => _types.GetValueOrDefault(type);

    public IReadOnlyList<PortDescriptor> OutputPorts(NodeDefinition node)
    {
        if (FindType(node.Type) is not { } type) return [];
        var ports = type.OutputPorts(node);
        if (node.Policy.ContinueOnError && ports.All(p => p.Name != PortDescriptor.Error.Name)) ports = [.. ports, PortDescriptor.Error];
        return node.Policy.Compensate && !type.Descriptor.IsTrigger ? [.. ports, PortDescriptor.Compensate] : ports;
    }

    public IReadOnlyList<PortDescriptor> InputPorts(NodeDefinition node) => FindType(node.Type)?.Descriptor.Inputs ?? [];
}
