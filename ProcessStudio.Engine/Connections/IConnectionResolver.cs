namespace ProcessStudio.Engine.Connections;

/// <summary>
/// Looks up a named connection with its secrets decrypted, at run time. The host implements it over its store
/// (the web app decrypts with Data Protection); nodes only ever see this interface.
/// </summary>
public interface IConnectionResolver
{
    /// <summary>The connection whose id (or, failing that, name) is <paramref name="reference"/>; null when there is none.</summary>
    Task<ResolvedConnection?> ResolveAsync(string reference, CancellationToken cancellationToken);
}
