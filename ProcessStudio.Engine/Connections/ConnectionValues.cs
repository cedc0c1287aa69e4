using System.Globalization;

namespace ProcessStudio.Engine.Connections;

/// <summary>A connection's field values by name, secrets included (decrypted). Lives only while a node or a test uses it.</summary>
public sealed class ConnectionValues(IReadOnlyDictionary<string, string?> values)
{
    public string? Text(string field) => values.TryGetValue(field, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    public int? Integer(string field) =>
        int.TryParse(Text(field), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;
}

/// <summary>A named connection ready for use: its identity, type and values.</summary>
public sealed record ResolvedConnection(Guid Id, string Name, string Type, ConnectionValues Values);

/// <summary>The result of trying a connection's settings against the real server.</summary>
public sealed record ConnectionTestResult(bool Success, string Message, IReadOnlyList<string> Transcript);
