using System.Text.Json.Nodes;

namespace ProcessStudio.Engine.Nodes;

public enum NodeCategory { Trigger, Action, Logic, Data }

/// <summary>What the designer, the validator and the engine know about a node type. Declared by the node type itself.</summary>
public sealed record NodeDescriptor
{
    /// <summary>Registered type name, stable across versions (e.g. "http-request").</summary>
    public required string Type { get; init; }
    public required string DisplayName { get; init; }
    public required NodeCategory Category { get; init; }
    public required string Description { get; init; }
    /// <summary>Icon name from the project's icon set (see wwwroot-assets).</summary>
    public string Icon { get; init; } = "box";
    public IReadOnlyList<SettingDescriptor> Settings { get; init; } = [];
    /// <summary>Input ports. Triggers have none; most nodes have one named "in".</summary>
    public IReadOnlyList<PortDescriptor> Inputs { get; init; } = [PortDescriptor.In];
    /// <summary>Output ports that always exist. Node types with setting-driven ports (Switch) add more at runtime.</summary>
    public IReadOnlyList<PortDescriptor> Outputs { get; init; } = [PortDescriptor.Out];
    /// <summary>For node types callers reach over HTTP (Webhook): where, so the designer can show the full URL.</summary>
    public NodeEndpoint? Endpoint { get; init; }
    public bool IsTrigger => Category == NodeCategory.Trigger;
}

/// <summary>A node's public URL: <see cref="RoutePrefix"/> followed by the value of the setting <see cref="PathSetting"/>.</summary>
public sealed record NodeEndpoint(string RoutePrefix, string PathSetting);

public sealed record PortDescriptor(string Name, string Label)
{
    public static readonly PortDescriptor In = new("in", "In");
    public static readonly PortDescriptor Out = new("out", "Out");
    public static readonly PortDescriptor Error = new("error", "Error");
    /// <summary>Added to a node that declares a compensating path; it carries data only when the run is rolled back.</summary>
    public static readonly PortDescriptor Compensate = new("compensate", "Compensate");
}

public enum SettingKind
{
    Text,
    MultilineText,
    Number,
    Integer,
    Boolean,
    Select,
    /// <summary>A list of key/value string pairs stored as a JSON object.</summary>
    KeyValue,
    /// <summary>Arbitrary JSON (object, array or scalar).</summary>
    Json,
    /// <summary>A plain expression (no braces), e.g. a condition: <c>$input.count &gt; 3</c>.</summary>
    Expression,
    /// <summary>A duration such as "5s", "1m30s", "250ms" or "01:00:00".</summary>
    Duration,
    /// <summary>A list of strings stored as a JSON array.</summary>
    StringList,
    /// <summary>A list of objects, each with the fields in <see cref="SettingDescriptor.ItemFields"/>.</summary>
    ObjectList,
    /// <summary>Text such as a shared secret: checked like text, rendered as a password field.</summary>
    Secret,
    /// <summary>The id of a saved workflow; the designer offers a list of the other workflows by name.</summary>
    Workflow,
    /// <summary>A named connection of <see cref="SettingDescriptor.ConnectionType"/>, stored by id.</summary>
    Connection,
    /// <summary>JavaScript source (Code node): a multi-line monospace editor; never a template.</summary>
    Code,
}

/// <summary>One declared setting of a node type. The properties panel renders a field from it; the validator checks values against it.</summary>
public sealed record SettingDescriptor(string Name, string Label, SettingKind Kind)
{
    public string? Description { get; init; }
    public bool Required { get; init; }
    public JsonNode? Default { get; init; }
    /// <summary>Choices for <see cref="SettingKind.Select"/>.</summary>
    public IReadOnlyList<string>? Options { get; init; }
    /// <summary>Whether string values may contain {{ expression }} templates.</summary>
    public bool AllowsTemplates { get; init; } = true;
    public double? Min { get; init; }
    public double? Max { get; init; }
    public string? Placeholder { get; init; }
    /// <summary>Fields of each item for <see cref="SettingKind.ObjectList"/>.</summary>
    public IReadOnlyList<SettingDescriptor>? ItemFields { get; init; }
    /// <summary>Only shown (and validated) when another setting has one of these values, e.g. ("bodyType", ["json"]).</summary>
    public SettingCondition? VisibleWhen { get; init; }
    /// <summary>The connection type (e.g. "smtp") a <see cref="SettingKind.Connection"/> setting picks from.</summary>
    public string? ConnectionType { get; init; }
}

public sealed record SettingCondition(string Setting, IReadOnlyList<string> Values);
