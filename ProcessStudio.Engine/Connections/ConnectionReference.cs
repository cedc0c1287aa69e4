using ProcessStudio.Engine.Nodes;

namespace ProcessStudio.Engine.Connections;

/// <summary>
/// Resolves a node's connection setting (an id or a name) at run time, failing the node with a message that names the
/// setting when it is empty, unknown or of a type the node cannot use.
/// </summary>
public static class ConnectionReference
{
    /// <param name="label">The setting's label, as people see it in the form.</param>
    /// <param name="accepted">The connection types the node can use.</param>
    /// <param name="kind">What the node needs, for messages: "an SMTP connection", "an HTTP credential".</param>
    public static async Task<ResolvedConnection> ResolveAsync(this IConnectionResolver resolver, string? reference, string label,
        IReadOnlyCollection<string> accepted, string kind, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reference))
            throw new NodeFailedException($"Setting '{label}' is empty: choose {kind}.", "UnknownConnection");
        var connection = await resolver.ResolveAsync(reference, cancellationToken)
            ?? throw new NodeFailedException($"Setting '{label}': there is no connection '{reference}'. Create it under Settings → Connections or choose another one.",
                "UnknownConnection");
        if (!accepted.Contains(connection.Type))
            throw new NodeFailedException($"Setting '{label}': '{connection.Name}' is a {connection.Type} connection, not {kind}.", "UnknownConnection");
        return connection;
    }
}
