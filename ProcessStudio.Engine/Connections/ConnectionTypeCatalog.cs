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
}
