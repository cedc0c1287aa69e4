namespace ProcessStudio.Data.Stores;

/// <summary>A connection as stored: plain field values and the host-encrypted secret values, both by field name.</summary>
public sealed record StoredConnection(
    Guid Id,
    string Name,
    string Type,
    IReadOnlyDictionary<string, string> Fields,
    IReadOnlyDictionary<string, string> ProtectedSecrets,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>Another connection already has this name (names are unique, ignoring case).</summary>
public sealed class ConnectionNameTakenException(string name) : Exception($"A connection named '{name}' already exists.")
{
    public string Name { get; } = name;
}
