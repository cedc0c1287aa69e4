using System.Collections.Concurrent;

namespace ProcessStudio.Web.Hubs;

/// <summary>The connected hub clients. The broadcaster hands each message to every connection that joined its group.</summary>
public sealed class LiveConnections
{
    private readonly ConcurrentDictionary<string, LiveConnection> _connections = new(StringComparer.Ordinal);

    public void Add(LiveConnection connection) => _connections[connection.Id] = connection;

    public LiveConnection? Find(string connectionId) => _connections.GetValueOrDefault(connectionId);

    public LiveConnection? Remove(string connectionId) => _connections.TryRemove(connectionId, out var connection) ? connection : null;

    public bool IsEmpty => _connections.IsEmpty;

    public void Deliver(LiveMessage message)
    {
        foreach (var connection in _connections.Values)
            if (connection.Wants(message)) connection.Offer(message);
    }
}
