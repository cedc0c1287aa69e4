using ProcessStudio.Data.Stores;
using ProcessStudio.Engine.Connections;
using ProcessStudio.Engine.Nodes;

namespace ProcessStudio.Web.Connections;

/// <summary>The engine's view of the stored connections: looked up by id or name, secrets decrypted for the running node.</summary>
/// <remarks>Depends on the store and the protector only: the service would close a cycle through the node catalog.</remarks>
public sealed class StoredConnectionResolver(SqliteConnectionStore store, ConnectionSecretProtector protector) : IConnectionResolver
{
    public async Task<ResolvedConnection?> ResolveAsync(string reference, CancellationToken cancellationToken)
    {
        var stored = Guid.TryParse(reference, out var id)
            ? await store.GetAsync(id, cancellationToken)
            : await store.FindByNameAsync(reference, cancellationToken);
        if (stored is null)
            return null;
        try
        {
            return new ResolvedConnection(stored.Id, stored.Name, stored.Type, protector.Reveal(stored));
        }
        catch (ConnectionSecretUnreadableException ex)
        {
            throw new NodeFailedException($"Connection '{stored.Name}': {ex.Message}", "InvalidConnection", inner: ex);
        }
    }
}
