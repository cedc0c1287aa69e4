namespace ProcessStudio.Engine.Connections;

/// <summary>What the settings page, the API and the node settings know about a connection type. Declared by the type itself.</summary>
public sealed record ConnectionTypeDescriptor
{
    /// <summary>Registered type name, stable across versions (e.g. "smtp").</summary>
    public required string Type { get; init; }
    public required string DisplayName { get; init; }
    public required string Description { get; init; }
    /// <summary>Icon name from the project's icon set.</summary>
    public string Icon { get; init; } = "plug";
    public required IReadOnlyList<ConnectionFieldDescriptor> Fields { get; init; }
    /// <summary>
    /// Types that can stand in for each other in one node setting share a family (every HTTP credential is
    /// "http-auth"); a setting may name a family instead of a single type.
    /// </summary>
    public string? Family { get; init; }
    /// <summary>Plain fields whose values identify a saved connection in a list (host, token URL, file).</summary>
    public IReadOnlyList<string> SummaryFields { get; init; } = [];
}

public enum ConnectionFieldKind { Text, Integer, Select }

/// <summary>One field of a connection type. Secret fields are encrypted at rest and never shown or returned once saved.</summary>
public sealed record ConnectionFieldDescriptor(string Name, string Label, ConnectionFieldKind Kind)
{
    public bool Required { get; init; }
    public bool Secret { get; init; }
    public string? Description { get; init; }
    public string? Placeholder { get; init; }
    /// <summary>Used when the field is left empty: a number for <see cref="ConnectionFieldKind.Integer"/>, otherwise text.</summary>
    public string? Default { get; init; }
    /// <summary>Choices for <see cref="ConnectionFieldKind.Select"/>.</summary>
    public IReadOnlyList<string>? Options { get; init; }
    public int? Min { get; init; }
    public int? Max { get; init; }
    /// <summary>Only shown, required and kept when another field has one of these values (a database's file vs. connection string).</summary>
    public ConnectionFieldCondition? VisibleWhen { get; init; }

    public bool IsVisible(Func<string, string?> valueOf) => VisibleWhen is not { } when || when.Values.Contains(valueOf(when.Field) ?? "");
}

public sealed record ConnectionFieldCondition(string Field, IReadOnlyList<string> Values);
