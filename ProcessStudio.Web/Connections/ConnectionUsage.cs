using ProcessStudio.Data.Stores;
using ProcessStudio.Engine.Nodes;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Web.Connections;

/// <summary>Finds the workflows whose latest version has a node setting that refers to a connection (by id or name).</summary>
public sealed class ConnectionUsage(IWorkflowStore workflows, INodeCatalog catalog)
{
    public async Task<IReadOnlyList<string>> FindWorkflowsAsync(StoredConnection connection, CancellationToken cancellationToken)
    {
        var users = new List<string>();
        foreach (var summary in await workflows.ListAsync(null, cancellationToken))
        {
            var latest = await workflows.GetLatestAsync(summary.Id, cancellationToken);
            if (latest?.Definition.Nodes.Any(node => RefersTo(node, connection)) == true)
                users.Add(summary.Name);
        }
        return users;
    }

    private bool RefersTo(Engine.Model.NodeDefinition node, StoredConnection connection) =>
        catalog.Find(node.Type)?.Settings
            .Where(s => s.Kind == SettingKind.Connection)
            .Select(s => NodeJson.String(node.Settings[s.Name]))
            .Any(reference => (Guid.TryParse(reference, out var id) && id == connection.Id)
                              || string.Equals(reference, connection.Name, StringComparison.OrdinalIgnoreCase)) == true;
}
