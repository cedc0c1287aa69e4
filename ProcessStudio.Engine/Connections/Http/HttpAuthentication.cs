using ProcessStudio.Engine.Nodes;

namespace ProcessStudio.Engine.Connections.Http;

/// <summary>A node's HTTP credential resolved for one activation: adds itself to requests and reacts to a 401.</summary>
public sealed class HttpAuthentication(HttpCredentialType type, ResolvedConnection credential)
{
    public string Name => credential.Name;

    public Task ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken) => type.ApplyAsync(request, credential, cancellationToken);

    /// <summary>True when the request answered 401 is worth sending once more (the credential renewed what it sends).</summary>
    public bool RenewAfterUnauthorized(HttpRequestMessage sent) => type.ForgetAfterUnauthorized(credential, sent);

    /// <summary>The credential a node setting names, or null when the setting is empty (no authentication).</summary>
    public static async Task<HttpAuthentication?> ResolveAsync(IConnectionResolver resolver, ConnectionTypeCatalog types, string? reference, string label,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reference)) return null;
        var credential = await resolver.ResolveAsync(reference, label, types.Matching(HttpCredentialType.Family), "an HTTP credential", cancellationToken);
        return types.Find(credential.Type) is HttpCredentialType type
            ? new HttpAuthentication(type, credential)
            : throw new NodeFailedException($"Setting '{label}': credential type '{credential.Type}' is not registered.", "UnknownConnection");
    }
}
