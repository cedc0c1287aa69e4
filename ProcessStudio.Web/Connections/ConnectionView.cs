namespace ProcessStudio.Web.Connections;

/// <summary>A connection as people and the API see it: plain values, and for each secret field only whether it is set.</summary>
public sealed record ConnectionView(
    Guid Id,
    string Name,
    string Type,
    IReadOnlyDictionary<string, string> Fields,
    IReadOnlyDictionary<string, bool> HasSecret,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>
/// A create or update request. In <see cref="Fields"/>, a secret field that is absent keeps its saved value,
/// null or "" clears it, and any other text replaces it.
/// </summary>
public sealed record ConnectionInput(string? Name, string? Type, System.Text.Json.Nodes.JsonObject? Fields);

/// <summary>Bad connection input; each entry names the field ("name", "type", "fields.host").</summary>
public sealed class ConnectionValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The connection is invalid: " + string.Join(" ", errors.SelectMany(e => e.Value)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>Workflows still refer to the connection, so it is kept.</summary>
public sealed class ConnectionInUseException(string name, IReadOnlyList<string> workflows)
    : Exception($"Connection '{name}' is used by {string.Join(", ", workflows.Select(w => $"'{w}'"))}; change those workflows first.")
{
    public IReadOnlyList<string> Workflows { get; } = workflows;
}
