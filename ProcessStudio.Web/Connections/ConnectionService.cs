using ProcessStudio.Data.Stores;
using ProcessStudio.Engine.Connections;

namespace ProcessStudio.Web.Connections;

/// <summary>
/// Named connections for the API and the settings page: validates input against the type's fields, encrypts secrets
/// before they reach the store, and never hands a secret value out (only whether it is set).
/// </summary>
public sealed class ConnectionService(
    SqliteConnectionStore store, ConnectionTypeCatalog types, ConnectionSecretProtector protector, ConnectionUsage usage, TimeProvider clock)
{
    private const int MaxNameLength = 100;

    public IReadOnlyList<ConnectionTypeDescriptor> Types => types.All;

    /// <param name="type">A type name, a family of types ("http-auth": every HTTP credential), or null for all.</param>
    public async Task<IReadOnlyList<ConnectionView>> ListAsync(string? type, CancellationToken cancellationToken)
    {
        var matching = type is null ? null : types.Matching(type);
        var stored = matching is [var single] ? await store.ListAsync(single, cancellationToken) : await store.ListAsync(null, cancellationToken);
        return stored.Where(c => matching is null || matching.Contains(c.Type)).Select(ToView).ToList();
    }

    public async Task<ConnectionView?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } stored ? ToView(stored) : null;

    public async Task<ConnectionView> CreateAsync(ConnectionInput input, CancellationToken cancellationToken)
    {
        var connection = Prepare(Guid.NewGuid(), input, existing: null);
        await store.SaveAsync(connection, cancellationToken);
        return ToView(connection);
    }

    /// <summary>Replaces name and plain fields; secrets absent from the input keep their saved value. Null when there is no such connection.</summary>
    public async Task<ConnectionView?> UpdateAsync(Guid id, ConnectionInput input, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } existing)
            return null;
        var connection = Prepare(id, input, existing);
        await store.SaveAsync(connection, cancellationToken);
        return ToView(connection);
    }

    /// <summary>False when there is no such connection; throws <see cref="ConnectionInUseException"/> while workflows refer to it.</summary>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } existing)
            return false;
        var users = await usage.FindWorkflowsAsync(existing, cancellationToken);
        if (users.Count > 0)
            throw new ConnectionInUseException(existing.Name, users);
        return await store.DeleteAsync(id, cancellationToken);
    }

    /// <summary>
    /// Tries the saved connection <paramref name="id"/>, or with <paramref name="input"/> the values about to be saved
    /// (secrets it omits come from the saved connection). Null when <paramref name="id"/> names no connection.
    /// </summary>
    public async Task<ConnectionTestResult?> TestAsync(Guid? id, ConnectionInput? input, CancellationToken cancellationToken)
    {
        StoredConnection? existing = null;
        if (id is { } known && (existing = await store.GetAsync(known, cancellationToken)) is null)
            return null;
        var connection = input is null ? existing! : Prepare(id ?? Guid.NewGuid(), input, existing);
        var type = types.Find(connection.Type) ?? throw new InvalidOperationException($"Connection type '{connection.Type}' is not registered.");
        return await type.TestAsync(protector.Reveal(connection), cancellationToken);
    }

    private StoredConnection Prepare(Guid id, ConnectionInput input, StoredConnection? existing)
    {
        var errors = new Dictionary<string, List<string>>();
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0)
            ConnectionFieldReader.AddError(errors, "name", "A name is required.");
        else if (name.Length > MaxNameLength)
            ConnectionFieldReader.AddError(errors, "name", $"The name can have at most {MaxNameLength} characters.");

        var typeName = existing?.Type ?? input.Type?.Trim();
        if (existing is not null && input.Type is { } requested && requested != existing.Type)
            ConnectionFieldReader.AddError(errors, "type", $"The type of a connection cannot change (it is '{existing.Type}'); create a new connection instead.");
        if (typeName is null || types.Find(typeName) is not { } type)
        {
            ConnectionFieldReader.AddError(errors, "type", $"Type must be one of: {string.Join(", ", types.All.Select(t => t.Type))}.");
            throw Invalid(errors);
        }

        var changes = ConnectionFieldReader.Read(type.Descriptor, input.Fields, errors);
        var secrets = MergeSecrets(id, type.Descriptor, existing, changes, errors);
        var now = clock.GetUtcNow();
        var connection = new StoredConnection(id, name, typeName, changes.Plain, secrets, existing?.CreatedAt ?? now, now);
        if (errors.Count == 0)
            foreach (var (field, message) in type.Validate(DecryptForValidation(connection, errors)))
                ConnectionFieldReader.AddError(errors, $"fields.{field}", message);
        if (errors.Count > 0)
            throw Invalid(errors);
        return connection;
    }

    private Dictionary<string, string> MergeSecrets(Guid id, ConnectionTypeDescriptor type, StoredConnection? existing, FieldChanges changes,
        Dictionary<string, List<string>> errors)
    {
        var secrets = new Dictionary<string, string>(existing?.ProtectedSecrets ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (field, value) in changes.Secrets)
        {
            if (value is null) secrets.Remove(field);
            else secrets[field] = protector.Protect(id, field, value);
        }
        var plain = changes.Plain;
        foreach (var field in type.Fields.Where(f => f.Secret && f.Required && !secrets.ContainsKey(f.Name) && f.IsVisible(plain.GetValueOrDefault)))
            ConnectionFieldReader.AddError(errors, $"fields.{field.Name}", $"'{field.Label}' is required.");
        return secrets;
    }

    private ConnectionValues DecryptForValidation(StoredConnection connection, Dictionary<string, List<string>> errors)
    {
        try
        {
            return protector.Reveal(connection);
        }
        catch (ConnectionSecretUnreadableException ex)
        {
            ConnectionFieldReader.AddError(errors, "fields", ex.Message);
            return new ConnectionValues(connection.Fields.ToDictionary(f => f.Key, f => (string?)f.Value));
        }
    }

    private static ConnectionValidationException Invalid(Dictionary<string, List<string>> errors) =>
        new(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));

    private ConnectionView ToView(StoredConnection connection)
    {
        var secretFields = types.Find(connection.Type)?.Descriptor.Fields
            .Where(f => f.Secret && f.IsVisible(connection.Fields.GetValueOrDefault)).Select(f => f.Name) ?? connection.ProtectedSecrets.Keys;
        return new ConnectionView(connection.Id, connection.Name, connection.Type, connection.Fields,
            secretFields.ToDictionary(f => f, connection.ProtectedSecrets.ContainsKey), connection.CreatedAt, connection.UpdatedAt);
    }
}
