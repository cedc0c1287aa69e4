namespace ProcessStudio.Engine.Connections;

/// <summary>The connection types registered in DI, by type name.</summary>
public sealed class ConnectionTypeCatalog
{
    private readonly Dictionary<string, ConnectionType> _types;

    public ConnectionTypeCatalog(IEnumerable<ConnectionType> types)
    {
        _types = new Dictionary<string, ConnectionType>(StringComparer.Ordinal);
        foreach (var type in types)
            _types[type.Descriptor.Type] = type;
        All = [.. _types.Values.Select(t => t.Descriptor).OrderBy(d => d.DisplayName)];
    }

    public IReadOnlyList<ConnectionTypeDescriptor> All { get; }

    public ConnectionType? Find(string type) => _types.GetValueOrDefault(type);

    /// <summary>The type names a node setting's connection type stands for: the type itself, or every type of that family.</summary>
    public IReadOnlyList<string> Matching(string typeOrFamily) =>
        [.. All.Where(d => d.Type == typeOrFamily || d.Family == typeOrFamily).Select(d => d.Type)];
}
