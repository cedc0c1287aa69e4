using ProcessStudio.Engine.Model;

namespace ProcessStudio.Engine.Nodes;

/// <summary>The registered node types, as the designer and validator see them.</summary>
public interface INodeCatalog
{
    IReadOnlyList<NodeDescriptor> All { get; }
    NodeDescriptor? Find(string type);
    /// <summary>The output ports of a concrete node, including setting-driven ones (Switch cases) and "error" when it continues on error.</summary>
    IReadOnlyList<PortDescriptor> OutputPorts(NodeDefinition node);
    IReadOnlyList<PortDescriptor> InputPorts(NodeDefinition node);
}
