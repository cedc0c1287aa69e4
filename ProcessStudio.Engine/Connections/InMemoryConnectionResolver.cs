using System.Collections.Concurrent;

namespace ProcessStudio.Engine.Connections;

/// <summary>Connections held in memory, for hosts without a store (engine-only hosts and tests).</summary>
public sealed class InMemoryConnectionResolver : IConnectionResolver
{
    private readonly ConcurrentDictionary<Guid, ResolvedConnection> _connections = new();

    public void Add(ResolvedConnection connection) => _connections[connection.Id] = connection;

    public Task<ResolvedConnection?> ResolveAsync(string reference, CancellationToken cancellationToken)
    {
        var match = Guid.TryParse(reference, out var id) && _connections.TryGetValue(id, out var byId)
            ? byId
            : _connections.Values.FirstOrDefault(c => string.Equals(c.Name, reference, StringComparison.OrdinalIgnoreCase));
        return Task.FromResult(match);
    }
}
